import { procedureNationalCode } from '../../../schema/canonical/identifiers.js';
import type { ProcedureCandidate } from '../../../schema/canonical/records.js';
import { canonicalJson, contentHash } from '../canonical-json.js';
import { pushTo } from '../collections.js';
import { batchMember, loadMembers, writeLineage } from '../lineage.js';
import { byPrecedence, type ConflictRow, type FieldSpec, type Member, pickField } from '../merge/members.js';
import { insertConflicts } from '../merge/write-conflicts.js';
import { forgetRunReferences } from '../references.js';
import type { ChangedRecord, RunContext } from '../run-context.js';

/**
 * Procedures (DESIGN.md §2 "Procedure"): keyed by the national code (`1.000656`); every local form
 * seen (`1.000656.000.00.00.H56`, `1.000656.H56`) is an alias (SOURCES.md "Agency identifiers":
 * they are the same procedure). Fields by source precedence, disagreements kept as conflicts.
 */
type P = ProcedureCandidate;

export function procedureIdOf(code: string): string {
  return procedureNationalCode(code) ?? code.trim();
}

const FIELDS: FieldSpec<P>[] = [
  { field: 'name', get: (d) => d.name },
  { field: 'sectorCode', get: (d) => d.sectorCode },
  { field: 'sectorName', get: (d) => d.sectorName },
  { field: 'level', get: (d) => d.level },
  { field: 'authorityLevel', get: (d) => d.authorityLevel },
  // Duration and its unit travel together: the unit comes from the record that gave the duration.
  {
    field: 'duration',
    get: (d) => (d.duration === null ? null : { value: d.duration, unit: d.durationUnit }),
  },
  { field: 'onlineDuration', get: (d) => d.onlineDuration },
];

const COLUMNS = [
  'id',
  'name',
  'sector_code',
  'sector_name',
  'level',
  'authority_level',
  'duration',
  'duration_unit',
  'online_duration',
  'content_hash',
  'updated_run_id',
] as const;

export async function rebuildProcedures(ctx: RunContext, changed: readonly ChangedRecord[]): Promise<void> {
  const s = ctx.session;
  const ids = new Set<string>();
  for (const r of changed) {
    ids.add(procedureIdOf((r.data as P).code));
    if (r.previousEntityId !== null) ids.add(r.previousEntityId);
  }
  const stored = await loadMembers(ctx, 'procedure', ids);
  const replaced = new Set(changed.map((r) => r.key));
  const members: Member<P>[] = stored.filter(
    (m) => !(m.sourceId === ctx.source.id && replaced.has(m.key)),
  ) as Member<P>[];
  for (const r of changed) members.push(batchMember(ctx, r) as Member<P>);
  const byId = new Map<string, Member<P>[]>();
  for (const m of members) {
    const id = procedureIdOf(m.data.code);
    pushTo(byId, id, m);
  }

  const existing = new Map<string, string>();
  for (const r of await s.selectIn<{ id: string; content_hash: string }>(
    'select id, content_hash from procedures where id in IN_LIST',
    [...ids],
  )) {
    existing.set(r.id, r.content_hash);
  }
  const rows: unknown[][] = [];
  const aliases: unknown[][] = [];
  const conflictRows: ConflictRow[] = [];
  const rewritten: string[] = [];
  for (const [id, list] of byId) {
    list.sort(byPrecedence);
    const conflicts: ConflictRow[] = [];
    const pick = new Map(FIELDS.map((f) => [f.field, pickField('procedure', id, list, f, conflicts).value]));
    const duration = pick.get('duration') as { value: number; unit: string | null } | null;
    const row: Record<(typeof COLUMNS)[number], unknown> = {
      id,
      name: pick.get('name'),
      sector_code: pick.get('sectorCode'),
      sector_name: pick.get('sectorName'),
      level: pick.get('level'),
      authority_level: pick.get('authorityLevel'),
      duration: duration?.value ?? null,
      duration_unit: duration?.unit ?? null,
      online_duration: pick.get('onlineDuration'),
      content_hash: '',
      updated_run_id: ctx.runId,
    };
    const own = [...new Set(list.map((m) => m.data.code.trim()))].filter((c) => c !== id).sort();
    const { content_hash: _h, updated_run_id: _r, ...hashed } = row;
    const hash = contentHash(canonicalJson({ row: hashed, aliases: own, conflicts }));
    if (existing.get(id) === hash) continue;
    row.content_hash = hash;
    rewritten.push(id);
    rows.push(COLUMNS.map((c) => row[c] ?? null));
    for (const a of own) aliases.push([a, id]);
    conflictRows.push(...conflicts);
  }
  const clear = rewritten.filter((id) => existing.has(id));
  if (clear.length > 0) {
    await s.runIn('delete from procedure_aliases where procedure_id in IN_LIST', clear);
    await s.runIn("delete from conflicts where entity_type = 'procedure' and entity_id in IN_LIST", clear);
    await s.runIn('delete from procedures where id in IN_LIST', clear);
  }
  await s.insert('procedures', COLUMNS, rows);
  await s.insert('procedure_aliases', ['alias', 'procedure_id'], aliases);
  await insertConflicts(s, conflictRows);
  for (const id of rewritten) ctx.changedReferences.procedures.add(id);
  if (rewritten.length > 0) forgetRunReferences(ctx);
  await writeLineage(
    ctx,
    changed.map((record) => ({ record, entityId: procedureIdOf((record.data as P).code) })),
  );
}
