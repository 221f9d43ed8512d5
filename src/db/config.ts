import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Where the data lives, from the environment (README "Configuration"):
 * - `DATABASE_URL=postgres://…` — a PostgreSQL server (the scale-out engine);
 * - `DATABASE_URL=pglite:memory` or `pglite:<folder>` — PostgreSQL in-process (PGlite);
 * - otherwise SQLite in the file `LIENTHONG_DB` (default `./data/lienthong.sqlite`).
 */
export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; searchPath?: string }
  | { engine: 'pglite'; dataDir: string; searchPath?: string; client?: PGlite };

export const DEFAULT_SQLITE_FILE = path.join('data', 'lienthong.sqlite');

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
    if (url.startsWith('pglite:')) return { engine: 'pglite', dataDir: url.slice('pglite:'.length) || 'memory' };
    throw new Error(
      `DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database) or pglite:<folder|memory>; found "${url}". ` +
        'Leave it unset to use the embedded SQLite file (LIENTHONG_DB).',
    );
  }
  return { engine: 'sqlite', file: env.LIENTHONG_DB?.trim() || DEFAULT_SQLITE_FILE };
}

/** A description safe to print: no password. */
export function describeDatabase(config: DatabaseConfig): string {
  switch (config.engine) {
    case 'sqlite':
      return `SQLite ${config.file}`;
    case 'postgres':
      return `PostgreSQL ${config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
    case 'pglite':
      return `PGlite ${config.dataDir}`;
  }
}
