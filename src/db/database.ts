import type { PGlite } from '@electric-sql/pglite';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, type LogEvent } from 'kysely';
import type { Tables } from '../../schema/tables.js';
import type { DatabaseConfig } from './config.js';
import { pgliteDialect } from './dialects/pglite.js';
import { postgresDialect } from './dialects/postgres.js';
import { sqliteDialect } from './dialects/sqlite.js';

export type Engine = 'sqlite' | 'postgres';

/** Counts the SQL statements sent, so tests can prove batching (DESIGN.md §5). */
export class StatementCounter {
  count = 0;
  readonly log: string[] = [];
  keepLog = false;

  record(event: LogEvent): void {
    this.count += 1;
    if (this.keepLog) this.log.push(event.query.sql);
  }

  reset(): void {
    this.count = 0;
    this.log.length = 0;
  }
}

/**
 * An open database: the Kysely handle every module queries through, which engine is behind it
 * (SQLite, or PostgreSQL whether a server or PGlite), and its statement counter.
 */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly engine: Engine;
  readonly statements: StatementCounter;
  /** The raw SQLite handle, for the few bulk paths that prepare statements themselves. */
  readonly sqlite?: BetterSqlite3.Database;
  /**
   * PGlite: one session serves every query, in turn — no second connection can be held aside (the
   * sync lease then relies on its row alone: src/sync/advisory-lock.ts).
   */
  readonly singleSession?: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const statements = new StatementCounter();
  const log = (event: LogEvent) => statements.record(event);
  switch (config.engine) {
    case 'sqlite': {
      const { dialect, raw } = sqliteDialect(config.file, config.pageSize);
      const db = new Kysely<Tables>({ dialect, log });
      return { db, engine: 'sqlite', statements, sqlite: raw, close: () => db.destroy() };
    }
    case 'postgres': {
      const { dialect } = postgresDialect(config.url, config.searchPath);
      const db = new Kysely<Tables>({ dialect, log });
      return { db, engine: 'postgres', statements, close: () => db.destroy() };
    }
    case 'pglite': {
      // A client passed in is shared (tests keep one per process) and stays open; one made here is ours.
      const owned = !config.client;
      const client = config.client ?? (await startPglite(config.dataDir));
      const db = new Kysely<Tables>({ dialect: pgliteDialect(client, config.searchPath), log });
      return {
        db,
        engine: 'postgres',
        statements,
        singleSession: true,
        close: async () => {
          await db.destroy();
          if (owned) await client.close();
        },
      };
    }
  }
}

export async function startPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = new PGlite(dataDir === 'memory' ? 'memory://' : dataDir);
  await client.waitReady;
  return client;
}
