import type { Database } from '../db/database.js';
import { UnitRegistry } from './registry.js';

/**
 * One UnitRegistry per open database and register load, shared by every request of the process.
 * `getUnitRegistry` costs one query (the loaded register's hash) and rebuilds the registry only when
 * that hash changed — also when another process ran `lienthong units load`.
 */
const cache = new WeakMap<Database, { hash: string | null; registry: Promise<UnitRegistry> }>();

export async function getUnitRegistry(database: Database): Promise<UnitRegistry> {
  const row = await database.db
    .selectFrom('reference_loads')
    .select('content_hash')
    .where('name', '=', 'units')
    .executeTakeFirst();
  const hash = row?.content_hash ?? null;
  const cached = cache.get(database);
  if (cached && cached.hash === hash) return cached.registry;
  const registry = UnitRegistry.load(database.db);
  cache.set(database, { hash, registry });
  registry.catch(() => cache.delete(database));
  return registry;
}

/** Drops the cached registry of `database` (called after the register is reloaded). */
export function forgetUnitRegistry(database: Database): void {
  cache.delete(database);
}
