import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadSamplesIfEmpty, type SampleLoad } from '../samples/load-samples.js';
import { rebuildAllDossierRollups } from '../stats/rollups.js';
import { markAbandonedRuns } from '../sync/abandoned-runs.js';
import { loadUnitReference } from '../units/load-units.js';
import { type HubOptions, type RunningHub, startHub } from './hub-server.js';
import { logger } from './logger.js';

export interface ServingOptions extends HubOptions {
  /** Load the SYNTHETIC sample exports into an empty database (default true; `serve --no-samples`). */
  samples?: boolean;
  /**
   * Settings that read the database (e.g. `withDemoAnonymous`, which looks for API keys): called after
   * the migrations, so a fresh database has its tables; the result replaces `security`.
   */
  securityFor?: (database: Database) => Promise<NonNullable<HubOptions['security']>>;
}

export interface Serving {
  hub: RunningHub;
  samples: SampleLoad;
  /** Lines for the console banner: where to go, and whether the data is synthetic. */
  banner: string[];
}

/**
 * What `lienthong serve` does before it listens (src/server/README.md): migrate; mark the sync runs a
 * dead process left RUNNING as ABORTED (their data was never published); load the unit register if it
 * changed; on a database with no dossiers, load the sample exports through the sync engine; then start
 * the hub. Exported for tests (tests/server/start-loads-samples.test.ts) — the command adds only the
 * console and the signals.
 */
export async function startServing(options: ServingOptions): Promise<Serving> {
  const { samples: withSamples = true, securityFor, ...hubOptions } = options;
  const database: Database = options.database;
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ applied }, 'migrated');
  // A database that held dossiers before the rollup table existed (migration 0007) gets its rollups
  // built once here; from then on every sync run maintains them in its own transaction.
  if (applied.includes('0007_dossier_rollups')) await rebuildAllDossierRollups(database);
  const aborted = await markAbandonedRuns(database);
  if (aborted.length > 0)
    logger.warn({ runs: aborted }, 'sync runs left RUNNING by a stopped process marked ABORTED');
  const units = await loadUnitReference(database);
  if (units.status === 'loaded') {
    logger.info({ versions: units.versions, successions: units.successions }, 'unit register loaded');
  }
  const samples: SampleLoad = withSamples
    ? await loadSamplesIfEmpty(database)
    : { status: 'skipped', reason: '--no-samples' };
  if (samples.status === 'loaded') {
    for (const run of samples.runs) {
      const { status, read, inserted, rejected, message } = run.result;
      const log = status === 'PUBLISHED' ? logger.info.bind(logger) : logger.warn.bind(logger);
      log(
        { source: run.source, status, read, inserted, rejected, message },
        'sample export synced (SYNTHETIC data)',
      );
    }
  }
  if (securityFor) hubOptions.security = await securityFor(database);
  const hub = await startHub(hubOptions);
  const banner = [
    `  GraphQL     ${hub.url}/graphql`,
    `  Playground  ${hub.url}/`,
    `  Health      ${hub.url}/healthz`,
  ];
  if (samples.status === 'loaded') {
    banner.push(
      `  Data        SYNTHETIC sample exports (fixtures/samples): ${samples.dossiers} dossiers from ${samples.runs.length} sources named sample-<kind>.`,
      '              Every name, ID number and dossier number in them is invented. Sync your own exports with',
      '              a fresh database (LIENTHONG_DB / DATABASE_URL) or start with --no-samples.',
    );
  }
  return { hub, samples, banner };
}
