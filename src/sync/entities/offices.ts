import { agencyIdToLong, agencyIdToShort } from '../../../schema/canonical/identifiers.js';
import type { OfficeCandidate } from '../../../schema/canonical/records.js';
import { canonicalJson, contentHash } from '../canonical-json.js';
import { pushTo } from '../collections.js';
import { batchMember, loadMembers, moveMembers, writeLineage } from '../lineage.js';
import { byPrecedence, type ConflictRow, type FieldSpec, type Member, pickField } from '../merge/members.js';
import { UnionFind } from '../merge/union-find.js';
import { insertConflicts } from '../merge/write-conflicts.js';
import { forgetRunReferences, levelOneAgency, ReferenceLookup } from '../references.js';
import { type ChangedRecord, type RunContext, resolveUnit } from '../run-context.js';

/**
 * Offices (DESIGN.md §2 "Office"): keyed by the electronic agency id in long form when any record
 * gives one, else `<system>:<id>`; the short form (`AGENCY_SHORT`) and every system's own id are
 * aliases, and the long id is written as alias `AGENCY` too, so every lookup goes through
 * `office_aliases`. Records sharing an agency id or a system id are one office (one-stop Groups.csv
 * and the lgsp catalogue describe the same agencies); fields by source precedence, conflicts kept.
 * The unit is resolved through the registry, dated by the record (`Groups.csv` is a current
 * catalogue: undated; lgsp by its decision date — SOURCES.md "A code is dated by its record").
 */
type O = OfficeCandidate;
type OMember = Member<O> & { entityId: string | null };

function identifiersOf(d: O): string[] {
  const out: string[] = [];
  if (d.agencyId !== null) out.push(`AGENCY:${agencyIdToLong(d.agencyId) ?? d.agencyId}`);
  for (const s of d.systemIds) out.push(`${s.system}:${s.id}`);
  return out;
}

function splitIdentifier(i: string): { system: string; alias: string } {
  const at = i.indexOf(':');
  return { system: i.slice(0, at), alias: i.slice(at + 1) };
}

const FIELDS: FieldSpec<O>[] = [
  { field: 'agencyId', get: (d) => d.agencyId, compareAs: (v) => agencyIdToLong(v as string) ?? v },
  { field: 'name', get: (d) => d.name },
  { field: 'kind', get: (d) => d.kind },
  // Systems name the same parent differently (a GroupCode, an agency id): the conflict is decided
  // on the office each reference resolves to (parentConflict), like a dossier's receiving office.
  { field: 'parentRef', get: (d) => d.parentRef, conflicts: false },
  { field: 'unitCode', get: (d) => d.unitCode },
  { field: 'provinceCode', get: (d) => d.provinceCode },
  { field: 'address', get: (d) => d.address },
  { field: 'email', get: (d) => d.email },
  { field: 'phone', get: (d) => d.phone },
  { field: 'decisionDate', get: (d) => d.decisionDate },
  // Only lgsp carries a status (TrangThai); Groups.csv has no such column, so its `false` means
  // "not said", not "open" (SOURCES.md "onestop", "lgsp"): a closure reported by any source stands.
  { field: 'closed', get: (d) => (d.closed ? true : null) },
];

const COLUMNS = [
  'id',
  'agency_id',
  'name',
  'kind',
  'parent_id',
  'unit_reported_code',
  'unit_code',
  'unit_status',
  'province_code',
  'address',
  'email',
  'phone',
  'decision_date',
  'closed',
  'content_hash',
  'updated_run_id',
] as const;

export async function rebuildOffices(
  ctx: RunContext,
  changed: readonly ChangedRecord[],
  extraIds: Iterable<string> = [],
): Promise<void> {
  const s = ctx.session;
  const batch = changed.map((record) => ({
    record,
    member: batchMember(ctx, record) as OMember,
  }));
  const idents = new Set<string>();
  for (const b of batch) for (const i of identifiersOf(b.member.data)) idents.add(i);
  const involved = new Set<string>(extraIds);
  if (idents.size > 0) {
    const keys = [...idents].map(splitIdentifier);
    const rows = await s.selectIn<{ system: string; alias: string; office_id: string }>(
      'select system, alias, office_id from office_aliases where alias in IN_LIST',
      [...new Set(keys.map((k) => k.alias))],
    );
    for (const r of rows) if (idents.has(`${r.system}:${r.alias}`)) involved.add(r.office_id);
  }
  for (const r of changed) if (r.previousEntityId !== null) involved.add(r.previousEntityId);
  const stored = await loadMembers(ctx, 'office', involved);
  const replaced = new Set(changed.map((r) => r.key));
  const members: OMember[] = stored.filter(
    (m) => !(m.sourceId === ctx.source.id && replaced.has(m.key)),
  ) as OMember[];
  for (const b of batch) members.push(b.member);

  const uf = new UnionFind();
  const lists = members.map((m) => {
    const ids = identifiersOf(m.data);
    // A record with no identifier at all is keyed by its source key.
    return ids.length > 0 ? ids : [`${m.sourceId}:${m.key}`];
  });
  for (const ids of lists) for (let i = 1; i < ids.length; i++) uf.union(ids[0]!, ids[i]!);
  const components = new Map<string, OMember[]>();
  members.forEach((m, i) => {
    const root = uf.find(lists[i]![0]!);
    pushTo(components, root, m);
  });

  // The office id of each component, and where each identifier now points (for parents in the batch).
  const identOwner = new Map<string, string>();
  const built: { id: string; list: OMember[] }[] = [];
  for (const list of components.values()) {
    list.sort(byPrecedence);
    const withAgency = list.find((m) => m.data.agencyId !== null);
    let id: string;
    if (withAgency) id = agencyIdToLong(withAgency.data.agencyId!) ?? withAgency.data.agencyId!;
    else {
      const first = list[0]!;
      const ids = identifiersOf(first.data).sort();
      id = ids[0] ?? `${first.sourceId}:${first.key}`;
    }
    for (const m of list) for (const i of identifiersOf(m.data)) identOwner.set(i, id);
    built.push({ id, list });
  }

  // Parents outside the batch and level-one offices (for the province), one lookup.
  const lookup = new ReferenceLookup(ctx);
  const parentKeys = [];
  for (const { list } of built) {
    for (const m of list) {
      const p = m.data.parentRef;
      if (p && p.system !== 'AGENCY') parentKeys.push({ system: p.system, alias: p.ref });
      const a = m.data.agencyId ? levelOneAgency(m.data.agencyId) : null;
      if (a) parentKeys.push({ system: 'AGENCY', alias: a });
    }
  }
  await lookup.loadOffices(parentKeys);

  const existing = new Map<string, string>();
  const newIds = new Set(built.map((b) => b.id));
  for (const r of await s.selectIn<{ id: string; content_hash: string }>(
    'select id, content_hash from offices where id in IN_LIST',
    [...new Set([...newIds, ...involved])],
  )) {
    existing.set(r.id, r.content_hash);
  }
  const rows: unknown[][] = [];
  const aliasRows: unknown[][] = [];
  const conflictRows: ConflictRow[] = [];
  const rewritten: string[] = [];
  for (const { id, list } of built) {
    const conflicts: ConflictRow[] = [];
    const picked = new Map(FIELDS.map((f) => [f.field, pickField('office', id, list, f, conflicts)]));
    const val = (f: string) => picked.get(f)?.value ?? null;
    const agencyRaw = val('agencyId') as string | null;
    const agency = agencyRaw === null ? null : (agencyIdToLong(agencyRaw) ?? agencyRaw);
    const parentRef = val('parentRef') as { ref: string; system: string } | null;
    const resolveParent = (ref: { ref: string; system: string }): string =>
      ref.system === 'AGENCY'
        ? (agencyIdToLong(ref.ref) ?? ref.ref)
        : (identOwner.get(`${ref.system}:${ref.ref}`) ??
          lookup.office({ system: ref.system, alias: ref.ref })?.id ??
          `${ref.system}:${ref.ref}`);
    const parentId = parentRef ? resolveParent(parentRef) : null;
    const parentConflict = conflictOnResolved(
      id,
      'parentRef',
      list,
      (d) => d.parentRef,
      resolveParent,
      parentRef,
    );
    if (parentConflict) conflicts.push(parentConflict);
    conflicts.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
    const unitCode = val('unitCode') as string | null;
    const unitDate = unitCode === null ? null : (picked.get('unitCode')?.member?.data.unitDate ?? null);
    let unitCurrent: string | null = null;
    let unitStatus: string | null = null;
    let province: string | null = null;
    if (unitCode !== null) {
      const r = resolveUnit(ctx, unitCode, unitDate);
      unitStatus = r.status;
      if (r.status === 'EXACT' || r.status === 'SUCCESSOR') {
        const u = r.units[0]!;
        unitCurrent = u.code;
        province = u.level === 'PROVINCE' ? u.code : r.provinceCode;
      } else province = r.provinceCode;
    }
    const reportedProvince = val('provinceCode') as string | null;
    if (province === null && reportedProvince !== null)
      province = ctx.registry.provinceOf(reportedProvince, ctx.asOf);
    if (province === null && agency !== null) {
      const l1 = levelOneAgency(agency);
      province =
        (l1 && l1 !== agency ? lookup.office({ system: 'AGENCY', alias: l1 })?.province_code : null) ?? null;
    }
    province ??= list.map((m) => ctx.sources.get(m.sourceId)?.provinceCode ?? null).find((p) => p) ?? null;
    const row: Record<(typeof COLUMNS)[number], unknown> = {
      id,
      agency_id: agency,
      name: val('name'),
      kind: val('kind') ?? 'OTHER',
      parent_id: parentId,
      unit_reported_code: unitCode,
      unit_code: unitCurrent,
      unit_status: unitStatus,
      province_code: province,
      address: val('address'),
      email: val('email'),
      phone: val('phone'),
      decision_date: val('decisionDate'),
      closed: val('closed') ? 1 : 0,
      content_hash: '',
      updated_run_id: ctx.runId,
    };
    const aliases = new Map<string, string>();
    if (agency !== null) {
      aliases.set(`AGENCY\u0000${agency}`, id);
      const short = agencyIdToShort(agency);
      if (short) aliases.set(`AGENCY_SHORT\u0000${short}`, id);
    }
    for (const m of list) for (const sid of m.data.systemIds) aliases.set(`${sid.system}\u0000${sid.id}`, id);
    const aliasList = [...aliases.keys()].sort().map((k) => k.split('\u0000') as [string, string]);
    const { content_hash: _h, updated_run_id: _r, ...hashed } = row;
    const hash = contentHash(canonicalJson({ row: hashed, aliases: aliasList, conflicts }));
    if (existing.get(id) === hash) continue;
    row.content_hash = hash;
    rewritten.push(id);
    rows.push(COLUMNS.map((c) => row[c] ?? null));
    for (const [system, alias] of aliasList) aliasRows.push([system, alias, id]);
    conflictRows.push(...conflicts);
  }
  const clear = [
    ...rewritten.filter((id) => existing.has(id)),
    ...[...existing.keys()].filter((id) => !newIds.has(id)),
  ];
  if (clear.length > 0) {
    await s.runIn('delete from office_aliases where office_id in IN_LIST', clear);
    await s.runIn("delete from conflicts where entity_type = 'office' and entity_id in IN_LIST", clear);
    await s.runIn('delete from offices where id in IN_LIST', clear);
  }
  await s.insert('offices', COLUMNS, rows);
  await s.insert('office_aliases', ['system', 'alias', 'office_id'], aliasRows);
  await insertConflicts(s, conflictRows);
  for (const id of rewritten) ctx.changedReferences.offices.add(id);
  for (const id of clear) ctx.changedReferences.offices.add(id);
  if (rewritten.length > 0 || clear.length > 0) forgetRunReferences(ctx);

  const entityOf = new Map<OMember, string>();
  for (const { id, list } of built) for (const m of list) entityOf.set(m, id);
  await writeLineage(
    ctx,
    batch.map(({ record, member }) => ({ record, entityId: entityOf.get(member)! })),
  );
  const moves = [];
  for (const m of members) {
    if (m.entityId === null) continue;
    const now = entityOf.get(m)!;
    if (now !== m.entityId) moves.push({ sourceId: m.sourceId, type: m.type, key: m.key, entityId: now });
  }
  await moveMembers(ctx, moves);
}

/**
 * A conflict over a reference to another office, decided on what each reference resolves to: two
 * systems naming the same parent by their own ids (`SNNMT`, `000.00.16.H56`) agree.
 */
function conflictOnResolved(
  entityId: string,
  field: string,
  list: readonly OMember[],
  get: (d: O) => { ref: string; system: string } | null,
  resolve: (ref: { ref: string; system: string }) => string,
  chosen: { ref: string; system: string } | null,
): ConflictRow | null {
  const values: { source: string; value: unknown }[] = [];
  const distinct = new Set<string>();
  const seen = new Set<string>();
  let chosenSource: string | null = null;
  for (const m of list) {
    const ref = get(m.data);
    if (ref === null) continue;
    chosenSource ??= m.sourceId;
    distinct.add(resolve(ref));
    const pair = `${m.sourceId}\u0000${ref.system}\u0000${ref.ref}`;
    if (!seen.has(pair)) {
      seen.add(pair);
      values.push({ source: m.sourceId, value: ref });
    }
  }
  if (distinct.size < 2) return null;
  return {
    entity_type: 'office',
    entity_id: entityId,
    field,
    values: canonicalJson(values),
    chosen_value: chosen === null ? null : canonicalJson(chosen),
    chosen_source: chosenSource,
    rule: 'precedence',
  };
}
