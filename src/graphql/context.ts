import type { Database } from '../db/database.js';
import { PersonalDataReads } from '../security/access-log.js';
import { LOCAL_PRINCIPAL, type Principal } from '../security/principal.js';
import { todayLocal } from '../units/dates.js';
import type { UnitRegistry } from '../units/registry.js';
import { getUnitRegistry } from '../units/registry-cache.js';
import { createLoaders, type Loaders } from './loaders.js';

/**
 * What every resolver receives as `@Ctx()`. One per request: `createContext` is called by the server for
 * each HTTP request, and by tests directly. Add request-scoped things here — never process-wide caches.
 */
export interface HubContext {
  database: Database;
  /** The request's DataLoaders (src/graphql/loaders.ts). */
  loaders: Loaders;
  /** Today in Vietnam (UTC+7) when the request began: the default `asOf`, the same for the whole request. */
  today: string;
  /** The in-memory unit registry (loaded once per process and register load; src/units/registry-cache.ts). */
  registry(): Promise<UnitRegistry>;
  /**
   * Who is asking (src/security/principal.ts): role, province scope, declared purposes. Resolvers apply
   * it through src/graphql/access.ts (recipe: src/security/README.md).
   */
  principal: Principal;
  /** The unmasked personal-data reads of this request, written to the access log when it ends. */
  personalData: PersonalDataReads;
  /** Aborted when the request runs out of time (src/security/limits/execution-timeout.ts). */
  signal?: AbortSignal | undefined;
}

export interface ContextOptions {
  /**
   * The authenticated principal. The server always passes one; in-process callers (the CLI, tests) that
   * leave it out act as the local operator: ADMIN of every province with no declared purpose, so
   * personal data stays masked for them too.
   */
  principal?: Principal;
  signal?: AbortSignal;
}

export function createContext(database: Database, options: ContextOptions = {}): HubContext {
  let registry: Promise<UnitRegistry> | undefined;
  let loaders: Loaders | undefined;
  const principal = options.principal ?? LOCAL_PRINCIPAL;
  return {
    database,
    // Built on first use: ~20 DataLoaders a request that only reads aggregates never touches.
    get loaders() {
      loaders ??= createLoaders(database);
      return loaders;
    },
    today: todayLocal(),
    registry: () => {
      registry ??= getUnitRegistry(database);
      return registry;
    },
    principal,
    personalData: new PersonalDataReads(principal),
    signal: options.signal,
  };
}
