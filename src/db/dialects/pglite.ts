import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * PostgreSQL in-process (PGlite), for machines with no PostgreSQL server: the test suite falls back
 * to it so `npm test` proves the PostgreSQL behaviour anywhere.
 *
 * PGlite is one session. Kysely may ask for a connection while another holds it (a reader during a
 * sync transaction); handing out the same session would run the reader inside the writer's
 * transaction, so connections are handed out one at a time, in order.
 */
export function pgliteDialect(client: PGlite, searchPath?: string): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(client, searchPath),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PgliteConnection;

  constructor(client: PGlite, searchPath?: string) {
    this.connection = new PgliteConnection(client, searchPath);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.connection.release = release;
    await this.connection.applySearchPath();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgliteConnection).release?.();
  }

  // The PGlite instance is shared (one per process) and closed by its owner, not by one Kysely.
  async destroy(): Promise<void> {}
}

class PgliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;

  constructor(
    private readonly client: PGlite,
    private readonly searchPath?: string,
  ) {}

  // Several Kysely instances may share one PGlite (one schema each), so the search path is set
  // every time a connection is handed out.
  async applySearchPath(): Promise<void> {
    if (this.searchPath) await this.client.query(`set search_path to ${this.searchPath}`);
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; Kysely only calls this for .stream().
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results; use a paged query instead.');
  }
}
