import type { Database } from '../db/database.js';
import { dashboardLoaders } from './dashboard/dashboard-loaders.js';
import { dossierLoaders } from './dossiers/dossier-loaders.js';
import { lineageLoaders } from './lineage/lineage-loaders.js';
import { officeLoaders } from './offices/office-loaders.js';
import { procedureLoaders } from './procedures/procedure-loaders.js';
import { staffLoaders } from './staff/staff-loaders.js';
import { syncLoaders } from './sync/sync-loaders.js';
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
    ...dossierLoaders(database),
    ...officeLoaders(database),
    ...procedureLoaders(database),
    ...staffLoaders(database),
    ...syncLoaders(database),
    ...lineageLoaders(database),
    ...dashboardLoaders(database),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
