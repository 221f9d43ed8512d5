import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Where the data lives, from the environment (README "Configuration"):
 * - `DATABASE_URL=postgres://…` — a PostgreSQL server (the scale-out engine);
 * - `DATABASE_URL=pglite:memory` or `pglite:<folder>` — PostgreSQL in-process (PGlite);
 * - otherwise SQLite in the file `LIENTHONG_DB` (default `./data/lienthong.sqlite`).
 * With PostgreSQL, `LIENTHONG_PG_SCHEMA=<schema>` puts every table in that schema (it must exist:
 * `create schema <name>`), so several hubs — or a hub and other applications — can share one database
 * (docs/deploy.md). The same can be said in the URL: `?options=-c%20search_path%3D<schema>`.
 */
export type DatabaseConfig =
  | {
      engine: 'sqlite';
      file: string;
      /** Page size of a NEW file (default SQLITE_PAGE_SIZE, src/db/dialects/sqlite.ts); an existing file keeps its own. */
      pageSize?: number;
    }
  | { engine: 'postgres'; url: string; searchPath?: string }
  | { engine: 'pglite'; dataDir: string; searchPath?: string; client?: PGlite };

export const DEFAULT_SQLITE_FILE = path.join('data', 'lienthong.sqlite');

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const searchPath = pgSchemaFromEnv(env);
    if (/^postgres(ql)?:\/\//.test(url))
      return { engine: 'postgres', url, ...(searchPath ? { searchPath } : {}) };
    if (url.startsWith('pglite:')) {
      return {
        engine: 'pglite',
        dataDir: url.slice('pglite:'.length) || 'memory',
        ...(searchPath ? { searchPath } : {}),
      };
    }
    throw new Error(
      `DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database) or pglite:<folder|memory>; found "${url}". ` +
        'Leave it unset to use the embedded SQLite file (LIENTHONG_DB).',
    );
  }
  return { engine: 'sqlite', file: env.LIENTHONG_DB?.trim() || DEFAULT_SQLITE_FILE };
}

/** `LIENTHONG_PG_SCHEMA`: a plain SQL identifier (it is written into `search_path` as is). */
function pgSchemaFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const schema = env.LIENTHONG_PG_SCHEMA?.trim();
  if (!schema) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `LIENTHONG_PG_SCHEMA must be a plain schema name (letters, digits and _, not starting with a digit, at most 63 characters); found "${schema}".`,
    );
  }
  return schema.toLowerCase();
}

/** A description safe to print: no password. */
export function describeDatabase(config: DatabaseConfig): string {
  switch (config.engine) {
    case 'sqlite':
      return `SQLite ${config.file}`;
    case 'postgres':
      return `PostgreSQL ${config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}${config.searchPath ? ` (schema ${config.searchPath})` : ''}`;
    case 'pglite':
      return `PGlite ${config.dataDir}`;
  }
}
