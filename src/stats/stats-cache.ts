import { CompiledQuery } from 'kysely';
import type { Database } from '../db/database.js';
import { type DossierStatsRequest, type DossierStatsRow, dossierStats } from './dossier-stats.js';

/**
 * A small per-process cache of dossierStats answers: dashboards ask the same few questions over and
 * over, and between two sync runs the answer cannot change.
 *
 * An entry is keyed by the whole request (filter already narrowed to the caller's province scope,
 * period, groupBy, policy, geography, asOf) and by the data version: the id of the latest PUBLISHED
 * sync run, read with one statement per request (DATA_VERSION), plus a process-local generation bumped by
 * `invalidateStatsCache` (called after a rollup rebuild outside a sync run). A run published by another
 * process changes the version, so several API processes never serve stale figures after a sync.
 * The default asOf is "now" to the minute (src/graphql/dashboard), so snapshot figures are reused within
 * a minute and move on with time. Rows are shared: callers must not mutate them.
 */
const MAX_ENTRIES = 500;
// One cache per open database: two databases in one process (tests, tools) never share answers.
const caches = new WeakMap<Database, Map<string, Promise<DossierStatsRow[]>>>();
let generation = 0;

/**
 * The data version: the latest PUBLISHED run. Written as "newest first, stop at the first published"
 * (not `max(id) … where status`), so both engines walk the primary key backwards and stop at once
 * instead of scanning every run; compiled once, as it runs on every dashboard request.
 */
const DATA_VERSION = CompiledQuery.raw(
  `select id as v from sync_runs where status = 'PUBLISHED' order by id desc limit 1`,
  [],
);

export function invalidateStatsCache(): void {
  generation += 1;
}

function cacheOf(database: Database): Map<string, Promise<DossierStatsRow[]>> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  return cache;
}

/**
 * What the figures depend on besides the request: the latest PUBLISHED run and the process-local
 * generation. Two equal versions mean every dossierStats answer is still the same.
 */
export async function statsDataVersion(database: Database): Promise<string> {
  const result = await database.db.executeQuery<{ v: number | string }>(DATA_VERSION);
  return `${generation}|${result.rows[0]?.v ?? 0}`;
}

export async function cachedDossierStats(
  database: Database,
  request: DossierStatsRequest,
): Promise<DossierStatsRow[]> {
  const key = `${await statsDataVersion(database)}|${JSON.stringify(request)}`;
  const entries = cacheOf(database);
  let hit = entries.get(key);
  if (hit) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  hit = dossierStats(database, request);
  entries.set(key, hit);
  hit.catch(() => entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return hit;
}
