import 'reflect-metadata';
import { type GraphQLError, getIntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/graphql/connection.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { ExecutionTimeout, withTimeout } from '../../src/security/limits/execution-timeout.js';
import {
  CONNECTION_DEFAULT_PAGE_SIZE,
  CONNECTION_MAX_PAGE_SIZE,
  DEFAULT_LIMITS,
} from '../../src/security/limits/limits-config.js';
import { maxAliasesRule } from '../../src/security/limits/max-aliases.js';
import { maxCostRule } from '../../src/security/limits/max-cost.js';
import { maxDepthRule } from '../../src/security/limits/max-depth.js';
import { maxPageSizeRule } from '../../src/security/limits/max-page-size.js';
import { checkTokenLimit } from '../../src/security/limits/max-tokens.js';

async function check(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<readonly GraphQLError[]> {
  const schema = await buildHubSchema();
  const document = parse(query);
  expect(validate(schema, document), 'the query itself is valid').toEqual([]);
  return validate(schema, document, [
    maxDepthRule(DEFAULT_LIMITS.maxDepth),
    maxAliasesRule(DEFAULT_LIMITS.maxAliases),
    maxPageSizeRule(DEFAULT_LIMITS.maxPageSize, variables),
    maxCostRule(DEFAULT_LIMITS.maxCost, DEFAULT_LIMITS.defaultListSize, variables),
  ]);
}

/** `{ unit(code: "38") { province { district { … } } } }` nested `levels` deep, no lists (cost stays low). */
function nested(levels: number): string {
  let inner = 'code';
  for (let i = 2; i < levels; i++) inner = i % 2 === 0 ? `province { ${inner} }` : `district { ${inner} }`;
  return `{ unit(code: "38") { ${inner} } }`;
}

describe('the operation limits', () => {
  it('agree with the connection helper on page sizes', () => {
    expect(CONNECTION_MAX_PAGE_SIZE).toBe(MAX_PAGE_SIZE);
    expect(CONNECTION_DEFAULT_PAGE_SIZE).toBe(DEFAULT_PAGE_SIZE);
  });

  it('let ordinary queries and the playground introspection through', async () => {
    expect(
      await check(
        '{ units(level: PROVINCE, first: 5) { totalCount nodes { code fullName communes { code fullName } } } }',
      ),
    ).toEqual([]);
    expect(
      await check(
        getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }),
      ),
    ).toEqual([]);
    expect(
      checkTokenLimit(getIntrospectionQuery({ descriptions: true }), DEFAULT_LIMITS.maxTokens),
    ).toBeNull();
    expect(await check(nested(10))).toEqual([]);
  });

  it('refuse a query deeper than 10 levels with QUERY_TOO_DEEP, through fragments too', async () => {
    const [error] = await check(nested(11));
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 'maxDepth', value: 10 });
    expect(error?.message).toMatch(
      /more than 10 levels deep.*\(limit maxDepth = 10, set by LIENTHONG_MAX_DEPTH\)/,
    );
    const viaFragments = `
      query { unit(code: "38") { ...A } }
      fragment A on Unit { communes { ...B } }
      fragment B on Unit { province { communes { province { communes { province { communes { province { communes { code } } } } } } } } }`;
    expect((await check(viaFragments))[0]?.extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('refuse more than 30 aliases with TOO_MANY_ALIASES, counting fragments each time they are spread', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: unit(code: "38") { code }`).join(' ');
    expect(await check(`{ ${aliases(30)} }`)).toEqual([]);
    const [error] = await check(`{ ${aliases(31)} }`);
    expect(error?.extensions).toMatchObject({
      code: 'TOO_MANY_ALIASES',
      limit: 'maxAliases',
      value: 30,
      found: 31,
    });
    expect(error?.message).toMatch(/31 aliases, more than the 30 allowed/);
    const spread = `query { ${Array.from({ length: 4 }, (_, i) => `u${i}: unit(code: "38") { ...F }`).join(' ')} }
      fragment F on Unit { ${Array.from({ length: 8 }, (_, i) => `c${i}: code`).join(' ')} }`;
    expect((await check(spread))[0]?.extensions.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuse wide, costly queries with QUERY_TOO_COSTLY, using `first` from literals and variables', async () => {
    const costly = '{ units(first: 500) { nodes { code communes { code name } } } }';
    const [error] = await check(costly);
    expect(error?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      limit: 'maxCost',
      value: 50000,
      found: 51501,
    });
    expect(error?.message).toMatch(/about 51,501 values.*more than the 50,000 allowed/);
    const withVariable = 'query($n: Int) { units(first: $n) { nodes { code communes { code name } } } }';
    expect(await check(withVariable, { n: 100 })).toEqual([]);
    expect((await check(withVariable, { n: 500 }))[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    // Without `first`, a list counts as the default page (50).
    expect(await check('{ units { nodes { code communes { code name } } } }')).toEqual([]);
  });

  it('refuse a `first` over the page cap before anything runs, naming the cap', async () => {
    const [error] = await check('query($n: Int) { units(first: $n) { totalCount } }', { n: 501 });
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxPageSize',
      value: 500,
      found: 501,
    });
    expect(error?.message).toMatch(/units\(first: 501\) asks for more than the 500 items a page may hold/);
  });

  it('refuse query text over 2,000 tokens with QUERY_TOO_LONG before parsing', () => {
    const long = `{ ${'units { totalCount } '.repeat(500)} }`;
    const error = checkTokenLimit(long, DEFAULT_LIMITS.maxTokens);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_LONG', limit: 'maxTokens', value: 2000 });
    expect(error?.message).toMatch(/more than 2000 tokens.*LIENTHONG_MAX_TOKENS/);
    // Text that does not lex is left to the parser's own message.
    expect(checkTokenLimit('{ "unterminated', 10)).toBeNull();
  });

  it('stop waiting at the time limit and abort the request', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const error = await withTimeout(never, 5, controller).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionTimeout);
    expect((error as ExecutionTimeout).error.extensions).toMatchObject({
      code: 'QUERY_TIMEOUT',
      limit: 'timeoutMs',
      value: 5,
    });
    expect(controller.signal.aborted).toBe(true);
    const quick = new AbortController();
    expect(await withTimeout(Promise.resolve(42), 1000, quick)).toBe(42);
    expect(quick.signal.aborted).toBe(false);
  });
});
