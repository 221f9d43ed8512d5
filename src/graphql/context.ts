import type { Database } from '../db/database.js';
import { todayLocal } from '../units/dates.js';
import type { UnitRegistry } from '../units/registry.js';
import { getUnitRegistry } from '../units/registry-cache.js';
import { createLoaders, type Loaders } from './loaders.js';

/**
 * What every resolver receives as `@Ctx()`. One per request: `createContext` is called by the server for
 * each HTTP request, and by tests directly. Add request-scoped things here (the principal, when
 * security lands) — never process-wide caches.
 */
export interface HubContext {
  database: Database;
  /** The request's DataLoaders (src/graphql/loaders.ts). */
  loaders: Loaders;
  /** Today in Vietnam (UTC+7) when the request began: the default `asOf`, the same for the whole request. */
  today: string;
  /** The in-memory unit registry (loaded once per process and register load; src/units/registry-cache.ts). */
  registry(): Promise<UnitRegistry>;
}

export function createContext(database: Database): HubContext {
  let registry: Promise<UnitRegistry> | undefined;
  return {
    database,
    loaders: createLoaders(database),
    today: todayLocal(),
    registry: () => {
      registry ??= getUnitRegistry(database);
      return registry;
    },
  };
}
