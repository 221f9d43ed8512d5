import type { GraphQLError } from 'graphql';
import { limitError } from './limit-error.js';

/**
 * The execution time limit. graphql-js cannot interrupt a running resolver, so the limit works in two
 * halves: the HTTP layer answers the client when the time is up (`withTimeout`), and aborts the
 * request's signal; the limits plugin then refuses to resolve any further field of that request, so
 * the abandoned execution stops at its next field instead of running its remaining queries.
 * Code QUERY_TIMEOUT, HTTP 503.
 */
export function timeoutError(timeoutMs: number): GraphQLError {
  return limitError(
    'QUERY_TIMEOUT',
    'timeoutMs',
    timeoutMs,
    null,
    `The query ran longer than ${timeoutMs} ms and was stopped; ask for less (smaller \`first\`, fewer nested lists) or filter more`,
    { status: 503 },
  );
}

export class ExecutionTimeout extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

/**
 * Runs `work`, or rejects with ExecutionTimeout after `timeoutMs`, aborting `controller` so the work can
 * stop. The timer never keeps the process alive.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  controller: AbortController,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timeoutError(timeoutMs);
      controller.abort(error);
      reject(new ExecutionTimeout(error));
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
