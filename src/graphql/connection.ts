import { Buffer } from 'node:buffer';
import { type SelectQueryBuilder, sql } from 'kysely';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { userInputError } from './errors.js';

/**
 * Relay connections (DESIGN.md §4): `edges`, `nodes`, `pageInfo`, `totalCount`; keyset cursors;
 * `first` capped at MAX_PAGE_SIZE. A list query:
 *   1. takes `ConnectionArgs` (or an @ArgsType extending it) and `pageSize(args.first)`;
 *   2. decodes `args.after` with `decodeCursor` and filters `key > cursor` on an indexed, unique key;
 *   3. fetches `size + 1` rows ordered by that key, and returns `toConnection(rows, size, cursorOf, count)`.
 * `count` runs only when the client asks for `totalCount`; `countRows(query)` is the usual one: the list's
 * query with the same filters, counted.
 */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

@ObjectType('PageInfo', { description: 'Where a page of a connection lies: cursors to continue from.' })
export class PageInfo {
  @Field(() => Boolean, {
    description: 'True when more items follow this page (ask with `after: endCursor`).',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when items precede this page (always false: pages go forward).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first item's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last item's cursor: pass it as `after` for the next page.",
  })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (a `pageInfo.endCursor`).',
  })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** The page size `first` asks for, checked against the cap. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw userInputError(
      `first must be between 0 and ${MAX_PAGE_SIZE}; found ${first}. Fetch more with \`after: pageInfo.endCursor\`.`,
      { argument: 'first' },
    );
  }
  return first;
}

/** An opaque cursor for a row's sort key (one or more values). */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key inside a cursor made by encodeCursor; `arity` values are expected. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // reported below
  }
  throw userInputError(
    `after "${cursor}" is not a cursor of this list; pass a pageInfo.endCursor or edges.cursor returned by the same query.`,
    { argument: 'after' },
  );
}

/**
 * Builds a connection from rows fetched with `limit size + 1` (the extra row only tells whether a
 * next page exists). `count` is called at most once, and only if `totalCount` is selected.
 */
export function toConnection<R, T>(
  rows: readonly R[],
  size: number,
  cursorOf: (row: R) => string,
  toNode: (row: R) => T,
  count: () => Promise<number>,
): ConnectionResult<T> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  let total: Promise<number> | undefined;
  const connection = {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
  Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get: () => {
      total ??= count();
      return total;
    },
  });
  return connection as ConnectionResult<T>;
}

/**
 * The GraphQL types of a connection of `Node`: `<name>Edge` and an abstract base for `<name>Connection`.
 * Declare the concrete class with its description:
 *   `@ObjectType('UnitConnection', { description: '…' }) export class UnitConnection extends Connection(Unit, 'Unit', 'unit') {}`
 */
export function Connection<TNode extends object>(Node: ClassType<TNode>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'The cursor of this item: pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => Node, { description: `The ${what}.` })
    node!: TNode;
  }

  // Not reachable from the schema by itself (type-graphql 2 emits reachable types only): the concrete
  // subclass is the type clients see.
  @ObjectType(`${name}ConnectionBase`, { description: `Base of ${name}Connection.` })
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s of this page with their cursors.` })
    edges!: EdgeType[];

    @Field(() => [Node], { description: `The ${what}s of this page (the edges' nodes, without cursors).` })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s match the filters, over all pages.` })
    totalCount!: number;
  }
  return ConnectionType;
}

/** The number of rows a filtered query selects: `totalCount` of a list (portable: an integer on both engines). */
export async function countRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await query
    .clearSelect()
    .select(sql<number>`cast(count(*) as integer)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number((row as { n: number }).n);
}
