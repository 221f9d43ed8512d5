import { GraphQLError, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { limitError } from './limit-error.js';

/**
 * The execution time limit. graphql-js cannot interrupt a running resolver, so the limit works in two
 * halves: the HTTP layer answers the client when the time is up (`withTimeout`), and aborts the
 * request's signal; every resolver that does work then refuses to run for that request
 * (`stopAbortedResolvers`), so the abandoned execution stops at its next such field instead of running
 * its remaining queries. Code QUERY_TIMEOUT, HTTP 503.
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

/** Schemas whose resolvers already check the signal (the hub's schema is built once per process). */
const guarded = new WeakSet<GraphQLSchema>();

/**
 * Makes every field with its own resolver refuse to run once the request's `signal` (context.signal)
 * is aborted, throwing the abort reason (the QUERY_TIMEOUT error `withTimeout` aborts with). Fields
 * without a resolver are property reads of an object already fetched: they cost nothing and need no
 * check, which keeps a large answer (thousands of rows of figures) free of per-field work. Resolvers
 * are wrapped in place, once per schema; a request without a signal (in-process callers) is unaffected.
 */
export function stopAbortedResolvers(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = abortable(resolve);
    }
  }
  return schema;
}

function abortable(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const signal = (context as { signal?: AbortSignal } | null)?.signal;
    if (signal?.aborted) {
      throw signal.reason instanceof GraphQLError
        ? signal.reason
        : new GraphQLError('The request was stopped before this field could run.', {
            extensions: { code: 'QUERY_TIMEOUT' },
          });
    }
    return resolve(source, args, context, info);
  };
}
