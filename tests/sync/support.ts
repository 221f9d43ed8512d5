import { z } from 'zod';
import type { CandidateRecord, Connector, ConnectorOutput } from '../../connectors/contract.js';
import type { DossierCandidate, OfficeCandidate } from '../../schema/canonical/records.js';
import type { Tables } from '../../schema/tables.js';
import type { Database } from '../../src/db/database.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import type { TestEngine } from '../support/engines.js';

/** A fresh migrated database with the official unit register loaded. */
export async function openWithUnits(engine: TestEngine): Promise<Database> {
  const database = await engine.open();
  await loadUnitReference(database);
  return database;
}

export const ALL_TABLES: (keyof Tables)[] = [
  'unit_versions',
  'unit_successions',
  'reference_loads',
  'offices',
  'office_aliases',
  'procedures',
  'procedure_aliases',
  'persons',
  'assignments',
  'assignment_sectors',
  'qualifications',
  'person_keys',
  'dossiers',
  'dossier_aliases',
  'dossier_events',
  'dossier_pauses',
  'dossier_due_revisions',
  'holidays',
  'sources',
  'sync_runs',
  'source_records',
  'quarantine',
  'conflicts',
  'quality_results',
  'leases',
];

/**
 * Every row of every table (rows sorted), as JSON text per table. `exclude` drops tables;
 * `dropColumns` drops columns that name runs (ids differ when the same data arrives in another order).
 */
export async function dumpTables(
  database: Database,
  options: { exclude?: (keyof Tables)[]; dropColumns?: string[] } = {},
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of ALL_TABLES) {
    if (options.exclude?.includes(t)) continue;
    const rows = (await database.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    out[t] = rows
      .map((r) => {
        const copy: Record<string, unknown> = {};
        for (const k of Object.keys(r).sort()) if (!options.dropColumns?.includes(k)) copy[k] = r[k];
        return JSON.stringify(copy);
      })
      .sort();
  }
  return out;
}

/** A connector that yields the given outputs (optionally failing after `throwAfter` of them). */
export function fakeConnector(kind: string, outputs: () => unknown[], throwAfter?: number): Connector {
  return {
    kind,
    description: `test ${kind}`,
    configSchema: z.object({
      provinceCode: z
        .string()
        .regex(/^\d{2}$/)
        .optional(),
    }),
    async *read(): AsyncIterable<ConnectorOutput> {
      let n = 0;
      for (const o of outputs()) {
        if (throwAfter !== undefined && n === throwAfter)
          throw new Error(`disk read error after ${n} records`);
        n += 1;
        yield o as ConnectorOutput;
      }
    },
  };
}

let line = 0;
export function record<T extends CandidateRecord['type']>(
  type: T,
  sourceKey: string | null,
  data: unknown,
  issues: CandidateRecord['issues'] = [],
): CandidateRecord {
  line += 1;
  return {
    kind: 'record',
    type,
    sourceKey,
    locator: { file: 'test.jsonl', line },
    raw: { sourceKey },
    data,
    issues,
  } as CandidateRecord;
}

export function dossier(number: string, overrides: Partial<DossierCandidate> = {}): DossierCandidate {
  return {
    number,
    aliases: [],
    procedureCode: null,
    procedureName: null,
    sectorCode: null,
    sectorName: null,
    procedureLevel: null,
    unitCode: null,
    unitDate: null,
    receivingOffice: null,
    handlingOfficeName: null,
    applicantType: null,
    applicantName: null,
    applicantIdNumber: null,
    summary: null,
    channel: 'ONLINE',
    status: 'PROCESSING',
    rawStatus: '4',
    statusWeak: false,
    submittedAt: null,
    receivedAt: '2025-08-04T02:00:00.000Z',
    dueAt: null,
    resolvedAt: null,
    returnedAt: null,
    refusedAt: null,
    withdrawnAt: null,
    duration: null,
    supplements: [],
    digitised: null,
    paidOnline: null,
    syncedToPortal: null,
    updatedAt: null,
    module: null,
    ...overrides,
  };
}

export function office(agencyId: string | null, overrides: Partial<OfficeCandidate> = {}): OfficeCandidate {
  return {
    agencyId,
    systemIds: [],
    name: 'Office',
    kind: 'PEOPLES_COMMITTEE',
    parentRef: null,
    unitCode: null,
    unitDate: null,
    provinceCode: null,
    address: null,
    email: null,
    phone: null,
    decisionDate: null,
    closed: false,
    ...overrides,
  };
}
