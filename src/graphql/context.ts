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
  return new RequestContext(database, options.principal ?? LOCAL_PRINCIPAL, options.signal);
}

/**
 * The per-request context. The loaders and the registry are made on first use, through getters on
 * the prototype: Apollo copies the context's own properties into a fresh object for every operation
 * (`Object.assign`, which would call an own getter and build ~20 DataLoaders for a request that only
 * reads aggregates); the copy keeps the prototype, so its getters still build lazily.
 */
class RequestContext implements HubContext {
  readonly today = todayLocal();
  readonly personalData: PersonalDataReads;
  lazyLoaders: Loaders | undefined = undefined;
  lazyRegistry: Promise<UnitRegistry> | undefined = undefined;

  constructor(
    readonly database: Database,
    readonly principal: Principal,
    readonly signal: AbortSignal | undefined,
  ) {
    this.personalData = new PersonalDataReads(principal);
  }

  get loaders(): Loaders {
    this.lazyLoaders ??= createLoaders(this.database);
    return this.lazyLoaders;
  }

  registry(): Promise<UnitRegistry> {
    this.lazyRegistry ??= getUnitRegistry(this.database);
    return this.lazyRegistry;
  }
}
