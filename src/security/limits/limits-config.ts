/**
 * The connection helper's cap and default page (src/graphql/connection.ts MAX_PAGE_SIZE,
 * DEFAULT_PAGE_SIZE), repeated here so the security layer loads without the GraphQL classes;
 * tests/security/limits.test.ts checks that they agree.
 */
export const CONNECTION_MAX_PAGE_SIZE = 500;
export const CONNECTION_DEFAULT_PAGE_SIZE = 50;

/**
 * The abuse limits (issue "ACCESS CONTROL…" §4; DESIGN.md §4 "depth, alias, token and cost limits on
 * by default"). Every one is on by default, can be changed by an environment variable, and is named in
 * the error that refuses a request (`extensions.limit`, `extensions.value`), so a client knows what to
 * change. A limit can be raised or lowered, never switched off: an endpoint that serves a whole
 * province must not be taken down by one query.
 */
export interface Limits {
  /** Nested field levels in one operation (fragments followed; introspection not counted). */
  maxDepth: number;
  /** Aliased fields in one operation (aliases multiply work: `a1: units … a99: units`). */
  maxAliases: number;
  /** Lexical tokens in the query text, checked before parsing. */
  maxTokens: number;
  /** Estimated cost: every field counts once per item of the lists above it (limits/max-cost.ts). */
  maxCost: number;
  /** Largest `first` a list accepts (at most the connection helper's cap, src/graphql/connection.ts). */
  maxPageSize: number;
  /** Largest HTTP request body, in bytes. */
  maxBodyBytes: number;
  /** Longest a request may execute, in milliseconds, before it is stopped. */
  timeoutMs: number;
  /** Items assumed for a list without `first` (a connection's default page; a plain list's guess). */
  defaultListSize: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 10,
  maxAliases: 30,
  maxTokens: 2_000,
  maxCost: 50_000,
  maxPageSize: CONNECTION_MAX_PAGE_SIZE,
  maxBodyBytes: 1024 * 1024,
  timeoutMs: 10_000,
  defaultListSize: CONNECTION_DEFAULT_PAGE_SIZE,
});

/** The environment variable of each limit (SECURITY.md lists them). */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = Object.freeze({
  maxDepth: 'LIENTHONG_MAX_DEPTH',
  maxAliases: 'LIENTHONG_MAX_ALIASES',
  maxTokens: 'LIENTHONG_MAX_TOKENS',
  maxCost: 'LIENTHONG_MAX_COST',
  maxPageSize: 'LIENTHONG_MAX_PAGE_SIZE',
  maxBodyBytes: 'LIENTHONG_MAX_BODY_BYTES',
  timeoutMs: 'LIENTHONG_TIMEOUT_MS',
  defaultListSize: 'LIENTHONG_DEFAULT_LIST_SIZE',
});

/** The limits from the environment; a bad value stops start-up with the variable, the rule and the value. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const variable = LIMIT_ENV[name];
    const text = env[variable]?.trim();
    if (text === undefined || text === '') continue;
    const value = Number(text.replaceAll('_', ''));
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `${variable} must be a whole number of at least 1 (default ${DEFAULT_LIMITS[name]}); found "${text}".`,
      );
    }
    limits[name] = value;
  }
  if (limits.maxPageSize > CONNECTION_MAX_PAGE_SIZE) {
    throw new Error(
      `${LIMIT_ENV.maxPageSize} can lower the page size cap, not raise it above ${CONNECTION_MAX_PAGE_SIZE}; found ${limits.maxPageSize}.`,
    );
  }
  return limits;
}
