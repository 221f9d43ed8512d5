import type { Database } from '../db/database.js';
import { unitLoaders } from './units/unit-loaders.js';

/**
 * Every DataLoader of a request, created fresh for each request (a loader caches, and a cache must not
 * outlive the request that filled it). To add loaders: write `<area>Loaders(database)` returning an
 * object of DataLoaders beside your resolvers, and spread it in here. Resolvers reach them as
 * `context.loaders.<name>`.
 */
export function createLoaders(database: Database) {
  return {
    ...unitLoaders(database),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
