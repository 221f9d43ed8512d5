import { personal } from '../access.js';
import { parseJson } from '../batch.js';
import type { HubContext } from '../context.js';
import { entityKey } from './lineage-loaders.js';
import { Conflict, ConflictValue, SourceLocator, SourceRecordRef } from './lineage-types.js';

/** Entity types of the lineage tables (src/sync/lineage.ts ENTITY_OF_RECORD). */
export type EntityType = 'dossier' | 'office' | 'procedure' | 'person';

/**
 * Fields whose disputed values are personal data (DESIGN.md §2: applicant name and ID numbers,
 * a person's national ID and birth date): their conflict values are masked like the fields themselves.
 */
const PERSONAL_FIELDS: Record<string, string> = {
  applicantName: 'Dossier.applicantName',
  applicantIdNumber: 'Dossier.applicantIdNumber',
  nationalId: 'StaffMember.nationalId',
  legacyId: 'StaffMember.legacyId',
  birthDate: 'StaffMember.birthDate',
};

/** The `sources` field of a merged record (through the request's loader). */
export async function sourcesOf(
  context: HubContext,
  type: EntityType,
  id: string,
): Promise<SourceRecordRef[]> {
  const rows = await context.loaders.sourceRecordsOf.load(entityKey(type, id));
  return rows.map((r) => {
    const ref = new SourceRecordRef();
    ref.source = r.source_id;
    ref.kind = r.kind ?? r.source_id;
    ref.recordType = r.record_type;
    ref.key = r.source_key;
    ref.locator = SourceLocator.parse(r.locator);
    ref.runId = Number(r.run_id);
    ref.contentHash = r.content_hash;
    ref.sourceUpdatedAt = r.updated_at;
    return ref;
  });
}

/** The `conflicts` field of a merged record (through the request's loader), personal values masked. */
export async function conflictsOf(context: HubContext, type: EntityType, id: string): Promise<Conflict[]> {
  const rows = await context.loaders.conflictsOf.load(entityKey(type, id));
  return rows.map((r) => {
    const field = PERSONAL_FIELDS[r.field];
    const shown = (v: string | null) => (field ? personal(context, field, id, v) : v);
    const conflict = new Conflict();
    conflict.field = r.field;
    conflict.values = parseJson<{ source?: unknown; value?: unknown }[]>(r.values, []).map((v) => {
      const value = new ConflictValue();
      value.source = String(v.source ?? '');
      value.value = shown(asText(v.value));
      return value;
    });
    conflict.chosenValue = shown(r.chosen_value);
    conflict.chosenSource = r.chosen_source;
    conflict.rule = r.rule;
    return conflict;
  });
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
