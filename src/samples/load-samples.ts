import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectors } from '../../connectors/index.js';
import type { Database } from '../db/database.js';
import { type SyncResult, syncSource } from '../sync/run-sync.js';

/**
 * The sample exports (fixtures/samples, every name and number in them SYNTHETIC) loaded into an empty
 * hub, so a newcomer's first query after `npm start` returns dossiers. They go through the sync engine
 * like any export — validation, quarantine, merge, lineage — so what the playground shows is what a real
 * sync would produce.
 */
export const SAMPLES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/samples',
);

/** The province every sample belongs to: Thanh Hóa (fixtures/samples/README.md). */
export const SAMPLE_PROVINCE = '38';

/**
 * The order the samples are synced in: the agency registry first (offices every other source refers
 * to), then the one-stop system (procedures, offices, holidays, then dossiers), the sectoral systems,
 * the national portal, and the cadre lists. Any order gives the same merged data (the engine's
 * contract, tests/sync/sync-samples.test.ts); this one resolves most references on first sight.
 */
export const SAMPLE_KINDS = ['lgsp', 'onestop', 'igate', 'hotich', 'dvcqg', 'cadre'] as const;

/** Sample sources are named `sample-<kind>`, so they never mix with a real source of the same kind. */
export function sampleSourceId(kind: string): string {
  return `sample-${kind}`;
}

export interface SampleRun {
  kind: string;
  source: string;
  result: SyncResult;
}

export type SampleLoad =
  | { status: 'skipped'; reason: string }
  | { status: 'loaded'; runs: SampleRun[]; dossiers: number };

/**
 * Syncs every sample folder that exists, in SAMPLE_KINDS order, when the database has no dossier yet;
 * otherwise does nothing (a hub with data of its own is never given synthetic records). A failed sample
 * run is reported in its result and the others still load.
 */
export async function loadSamplesIfEmpty(
  database: Database,
  options: { dir?: string } = {},
): Promise<SampleLoad> {
  const dir = options.dir ?? SAMPLES_DIR;
  const existing = await database.db.selectFrom('dossiers').select('id').limit(1).executeTakeFirst();
  if (existing) return { status: 'skipped', reason: 'the database already has dossiers' };
  if (!fs.existsSync(dir)) return { status: 'skipped', reason: `no sample folder at ${dir}` };
  const runs: SampleRun[] = [];
  for (const kind of SAMPLE_KINDS) {
    const folder = path.join(dir, kind);
    if (!connectors[kind] || !fs.existsSync(folder)) continue;
    const source = sampleSourceId(kind);
    const result = await syncSource(database, {
      connector: kind,
      path: folder,
      source,
      config: { provinceCode: SAMPLE_PROVINCE },
    });
    runs.push({ kind, source, result });
  }
  const count = await database.db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { status: 'loaded', runs, dossiers: Number(count.n) };
}
