import type { Kysely } from 'kysely';
import type { Tables } from '../../schema/tables.js';
import type { Database } from '../db/database.js';
import { buildUnitRegister } from './build-register.js';
import { ProblemList } from './reference-error.js';
import { DEFAULT_REFERENCE_DIR, hashReferenceFiles, readReferenceFiles } from './reference-files.js';
import { forgetUnitRegistry } from './registry-cache.js';

/** The `reference_loads.name` of the unit register. */
export const UNITS_REFERENCE = 'units';

/** Rows per INSERT: 500 × 13 columns stays far below PostgreSQL's 65,535 and SQLite's 32,766 parameters. */
const BATCH_ROWS = 500;

export interface UnitLoadOptions {
  /** Folder with provinces.csv, communes.csv, crosswalk.csv, changes.csv (default fixtures/reference). */
  dir?: string;
  /** Reload even when the files' hash equals the one loaded last. */
  force?: boolean;
}

export interface UnitLoadResult {
  /** `unchanged`: the same files were loaded before, nothing was written. */
  status: 'loaded' | 'unchanged';
  hash: string;
  versions: number;
  successions: number;
}

/**
 * Loads the unit register from the reference files (src/units/README.md), idempotently: the files'
 * hash is kept in `reference_loads`, and unchanged files write nothing. The files are read and
 * validated completely before the write begins; the write replaces the whole register in ONE
 * transaction, so a bad file or a crash leaves the previous register in place.
 * Throws ReferenceDataError (naming file, line and problem) when the files are bad.
 */
export async function loadUnitReference(
  database: Database,
  options: UnitLoadOptions = {},
): Promise<UnitLoadResult> {
  const dir = options.dir ?? DEFAULT_REFERENCE_DIR;
  const hash = hashReferenceFiles(dir);
  const previous = await database.db
    .selectFrom('reference_loads')
    .select(['content_hash', 'counts'])
    .where('name', '=', UNITS_REFERENCE)
    .executeTakeFirst();
  if (previous && previous.content_hash === hash && !options.force) {
    const counts = JSON.parse(previous.counts) as { versions: number; successions: number };
    return { status: 'unchanged', hash, versions: counts.versions, successions: counts.successions };
  }

  const problems = new ProblemList();
  const rows = readReferenceFiles(dir, problems);
  problems.throwIfAny();
  const register = buildUnitRegister(rows, problems);
  problems.throwIfAny();

  const counts = { versions: register.versions.length, successions: register.successions.length };
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('unit_successions').execute();
    await trx.deleteFrom('unit_versions').execute();
    for (const rows of batches(register.versions))
      await trx.insertInto('unit_versions').values(rows).execute();
    for (const rows of batches(register.successions)) {
      await trx.insertInto('unit_successions').values(rows).execute();
    }
    await trx
      .insertInto('reference_loads')
      .values({
        name: UNITS_REFERENCE,
        content_hash: hash,
        loaded_at: new Date().toISOString(),
        counts: JSON.stringify(counts),
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          content_hash: eb.ref('excluded.content_hash'),
          loaded_at: eb.ref('excluded.loaded_at'),
          counts: eb.ref('excluded.counts'),
        })),
      )
      .execute();
  });
  forgetUnitRegistry(database);
  return { status: 'loaded', hash, ...counts };
}

/** `rows` in slices of BATCH_ROWS, one multi-row INSERT each. */
function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS);
}

/** The hash of the register currently loaded, or null when none is. */
export async function loadedUnitsHash(db: Kysely<Tables>): Promise<string | null> {
  const row = await db
    .selectFrom('reference_loads')
    .select('content_hash')
    .where('name', '=', UNITS_REFERENCE)
    .executeTakeFirst();
  return row?.content_hash ?? null;
}
