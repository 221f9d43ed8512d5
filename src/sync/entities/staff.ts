import type { StaffCandidate } from '../../../schema/canonical/records.js';
import { batchMember, loadMembers, moveMembers, writeLineage } from '../lineage.js';
import { insertConflicts } from '../merge/write-conflicts.js';
import { ReferenceLookup } from '../references.js';
import type { ChangedRecord, RunContext } from '../run-context.js';
import {
  ASSIGNMENT_COLUMNS,
  type BuiltPerson,
  buildPerson,
  officeKeysOf,
  PERSON_COLUMNS,
} from './person-build.js';
import { groupPersons, identityKeyHashes, type StaffMember } from './person-identity.js';

/**
 * Staff: persons and their assignments (DESIGN.md §2 "Staff"), rebuilt from ALL staff records of
 * ALL sources, like dossiers — so the result does not depend on the order sources were synced in.
 *
 * A batch of changed staff records (cadre sourceKey `<person key>#<assignment key>`) finds the
 * persons it may touch through `person_keys` (every identity key of every record, hashed): its own
 * keys, the persons its records built before, then — until nothing new turns up — the keys of the
 * records loaded with them, so the whole set of records linked by a shared key is regrouped at once
 * (`person-identity.ts`). Each person is rebuilt (`person-build.ts`), compared by content hash, and
 * rewritten only when it changed: the row, its keys, qualifications, conflicts, and its assignments
 * with their sectors. A person whose id changed (a record with a CCCD joined a name-only person) is
 * re-keyed: old rows deleted, lineage re-pointed. Offices are looked up by agency id (long form,
 * `office_aliases`); an office not known yet leaves the assignment accepted with `office_id` null and
 * a warning — `rebuildStaffDependents` resolves it when the office arrives.
 *
 * Reads are IN-list queries per batch (`sql-session.ts`); no per-record statements.
 */
export async function rebuildStaff(
  ctx: RunContext,
  changed: readonly ChangedRecord[],
  extraPersonIds: Iterable<string> = [],
): Promise<void> {
  const s = ctx.session;
  const batch = changed.map((record) => ({
    record,
    member: batchMember(ctx, record) as StaffMember & { entityId: string | null },
  }));

  // The persons this batch may touch, and the closure of records linked to them by a shared key.
  const involved = new Set<string>(extraPersonIds);
  for (const r of changed) if (r.previousEntityId !== null) involved.add(r.previousEntityId);
  const askedKeys = new Set<string>();
  const replaced = new Set(changed.map((r) => `${r.type}\u0000${r.key}`));
  const members: (StaffMember & { entityId: string | null })[] = batch.map((b) => b.member);
  let pendingKeys = batch.flatMap((b) => identityKeyHashes(b.member.data));
  let pendingPersons = [...involved];
  while (pendingKeys.length > 0 || pendingPersons.length > 0) {
    const keys = [...new Set(pendingKeys)].filter((k) => !askedKeys.has(k));
    for (const k of keys) askedKeys.add(k);
    pendingKeys = [];
    if (keys.length > 0) {
      for (const r of await s.selectIn<{ person_id: string }>(
        'select person_id from person_keys where key_hash in IN_LIST',
        keys,
      )) {
        if (!involved.has(r.person_id)) {
          involved.add(r.person_id);
          pendingPersons.push(r.person_id);
        }
      }
    }
    if (pendingPersons.length === 0) continue;
    const stored = await loadMembers(ctx, 'person', pendingPersons);
    pendingPersons = [];
    for (const m of stored) {
      if (m.sourceId === ctx.source.id && replaced.has(`${m.type}\u0000${m.key}`)) continue;
      const member = m as StaffMember & { entityId: string | null };
      members.push(member);
      pendingKeys.push(...identityKeyHashes(member.data));
    }
  }

  const groups = groupPersons(members);
  const lookup = new ReferenceLookup(ctx);
  await lookup.loadOffices(members.flatMap((m) => officeKeysOf(m.data as StaffCandidate)));
  const built = groups.map((g) => buildPerson(ctx, g, (k) => lookup.office(k)));

  const newIds = new Set(built.map((b) => b.id));
  const existing = new Map<string, string>();
  for (const r of await s.selectIn<{ id: string; content_hash: string }>(
    'select id, content_hash from persons where id in IN_LIST',
    [...new Set([...newIds, ...involved])],
  )) {
    existing.set(r.id, r.content_hash);
  }
  const toWrite = built.filter((b) => existing.get(b.id) !== b.hash);
  const toClear = [
    ...toWrite.filter((b) => existing.has(b.id)).map((b) => b.id),
    ...[...existing.keys()].filter((id) => !newIds.has(id)),
  ];
  await clearPersons(ctx, toClear);
  await insertPersons(ctx, toWrite);

  const entityOf = new Map<StaffMember, string>();
  for (const g of groups) for (const m of g.members) entityOf.set(m, g.id);
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
 * Self-healing office references for staff (SOURCES.md "Common rules": an unknown reference
 * "resolves by itself when the reference data arrives in a later sync"; src/sync/dependents.ts):
 * after a run changed offices (listed in the temporary table `sync_changed_refs`), every person with
 * an assignment whose office or seconded-from office is unresolved, or points at a changed office,
 * is rebuilt. Paged by id; an unchanged rebuild writes nothing.
 */
export async function rebuildStaffDependents(ctx: RunContext, batchSize: number): Promise<void> {
  if (ctx.changedReferences.offices.size === 0) return;
  const condition =
    '(office_id is null and office_ref is not null) or (seconded_from_id is null and seconded_from_ref is not null) ' +
    "or office_id in (select id from sync_changed_refs where kind = 'office') " +
    "or seconded_from_id in (select id from sync_changed_refs where kind = 'office')";
  let after = '';
  for (;;) {
    const ids = (
      await ctx.session.all<{ person_id: string }>(
        `select distinct person_id from assignments where person_id > ? and (${condition}) order by person_id limit ?`,
        [after, batchSize],
      )
    ).map((r) => r.person_id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    await rebuildStaff(ctx, [], ids);
    if (ids.length < batchSize) break;
  }
}

async function clearPersons(ctx: RunContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const s = ctx.session;
  await s.runIn(
    'delete from assignment_sectors where assignment_id in (select id from assignments where person_id in IN_LIST)',
    ids,
  );
  await s.runIn('delete from assignments where person_id in IN_LIST', ids);
  await s.runIn('delete from qualifications where person_id in IN_LIST', ids);
  await s.runIn('delete from person_keys where person_id in IN_LIST', ids);
  await s.runIn("delete from conflicts where entity_type = 'person' and entity_id in IN_LIST", ids);
  await s.runIn('delete from persons where id in IN_LIST', ids);
}

async function insertPersons(ctx: RunContext, list: readonly BuiltPerson[]): Promise<void> {
  if (list.length === 0) return;
  const s = ctx.session;
  await s.insert(
    'persons',
    PERSON_COLUMNS,
    list.map((b) => PERSON_COLUMNS.map((c) => b.row[c] ?? null)),
  );
  await s.insert(
    'person_keys',
    ['key_hash', 'person_id'],
    list.flatMap((b) => b.keys.map((k) => [k, b.id])),
  );
  await s.insert(
    'qualifications',
    ['person_id', 'level', 'specialty'],
    list.flatMap((b) => b.qualifications.map((q) => [b.id, q.level, q.specialty])),
  );
  const assignments = list.flatMap((b) => b.assignments);
  await s.insert(
    'assignments',
    ASSIGNMENT_COLUMNS,
    assignments.map((a) => ASSIGNMENT_COLUMNS.map((c) => a.row[c] ?? null)),
  );
  await s.insert(
    'assignment_sectors',
    ['assignment_id', 'sector', 'raw'],
    assignments.flatMap((a) => a.sectors.map((x) => [a.row.id, x.sector, x.raw])),
  );
  await insertConflicts(
    s,
    list.flatMap((b) => b.conflicts),
  );
}
