import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_units.js';
import * as m0002 from './0002_offices_procedures.js';
import * as m0003 from './0003_staff.js';
import * as m0004 from './0004_dossiers.js';
import * as m0005 from './0005_integration.js';
import * as m0006 from './0006_sync_quarantine_key.js';
import * as m0007 from './0007_dossier_rollups.js';
import * as m0008 from './0008_person_keys.js';
import * as m0009 from './0009_dossier_write_indexes.js';
import * as m0010 from './0010_dossier_facts_once.js';
import * as m0011 from './0011_lookup_keys_as_indexes.js';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the set is the same
 * under tsx, vitest and a compiled build. A new migration is a new file here; a landed one is never
 * edited.
 */
export const migrations: Record<string, Migration> = {
  '0001_units': m0001,
  '0002_offices_procedures': m0002,
  '0003_staff': m0003,
  '0004_dossiers': m0004,
  '0005_integration': m0005,
  '0006_sync_quarantine_key': m0006,
  '0007_dossier_rollups': m0007,
  '0008_person_keys': m0008,
  '0009_dossier_write_indexes': m0009,
  '0010_dossier_facts_once': m0010,
  '0011_lookup_keys_as_indexes': m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
