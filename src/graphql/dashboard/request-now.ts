import type { HubContext } from '../context.js';

/**
 * One "now" per request, so every field of it (the drill-down loader's keys, the answer cache of
 * dashboard-response-cache.ts) agrees on it. Its own file: the response cache plugin loads it without
 * the type-graphql classes.
 */
const nows = new WeakMap<HubContext, string>();
export function requestNow(context: HubContext): string {
  let now = nows.get(context);
  if (now === undefined) {
    now = new Date().toISOString();
    nows.set(context, now);
  }
  return now;
}
