import { normaliseDossierNumber } from '../../../schema/canonical/identifiers.js';
import type { DossierCandidate, DossierEventCandidate } from '../../../schema/canonical/records.js';
import { pushTo } from '../collections.js';
import { batchMember, loadMembers, moveMembers, writeLineage } from '../lineage.js';
import type { Member } from '../merge/members.js';
import { UnionFind } from '../merge/union-find.js';
import { CONFLICT_COLUMNS } from '../merge/write-conflicts.js';
import { type ReferenceLookup, runReferences } from '../references.js';
import { type ChangedRecord, calendarsOf, type RunContext } from '../run-context.js';
import { type Family, type FamilySpec, fillFamilyHashes } from '../sql-session.js';
import { WorkingCalendar } from '../working-calendar.js';
import {
  ALIAS_COLUMNS,
  type BuiltDossier,
  buildDossier,
  DOSSIER_COLUMNS,
  EVENT_COLUMNS,
  HASH_COLUMN,
  type MergedDossier,
  mergeDossier,
  type NumberedMember,
  PAUSE_COLUMNS,
  REVISION_COLUMNS,
  RUN_ID_COLUMN,
  referencesOf,
} from './dossier-build.js';

/**
 * Dossier identity and rebuild (SOURCES.md "Keys and duplicates"; DESIGN.md §2 "Dossier").
 *
 * Identity: numbers are normalised (agency prefix in long form); a record joins every dossier that
 * has one of its numbers as id or alias; the records linked through shared numbers form one
 * component = one dossier. Its id is chosen from its records alone — the normalised number of the
 * record from the highest-precedence source, ties by the smallest — so it does not depend on which
 * source arrived first; when the choice changes, the dossier is re-keyed (rows rewritten under the
 * new id, the lineage re-pointed, the old id deleted). History events whose number matches no
 * dossier yet wait in the lineage under their own number and join when the dossier arrives.
 *
 * Rebuild: every dossier touched by the batch is recomputed from ALL its records across ALL sources
 * and rewritten only when its content hash changed. Reads are one IN-list query per table per batch.
 */
type DMember = NumberedMember & { entityId: string | null };

/** A member with its normalised numbers, computed once (normalising is a regex per number). */
function numbered<M extends Member>(m: M): M & { numbers: string[] } {
  const numbers: string[] = [];
  if (m.type === 'dossier') {
    const d = m.data as DossierCandidate;
    numbers.push(normaliseDossierNumber(d.number));
    for (const a of d.aliases) numbers.push(normaliseDossierNumber(a.number));
  } else {
    numbers.push(normaliseDossierNumber((m.data as DossierEventCandidate).dossierNumber));
  }
  return Object.assign(m, { numbers });
}

/**
 * Recomputes the dossiers touched by `changed` (this source's new or changed records, not yet in
 * the lineage) and by `extraIds` (dossiers whose references changed), writes what differs, and
 * writes the changed records' lineage.
 */
export async function rebuildDossiers(
  ctx: RunContext,
  changed: readonly ChangedRecord[],
  extraIds: Iterable<string> = [],
): Promise<void> {
  const s = ctx.session;
  const batchNumbers = new Set<string>();
  const batchMembers: { record: ChangedRecord; member: DMember }[] = changed.map((record) => ({
    record,
    member: numbered(batchMember(ctx, record)),
  }));
  for (const { member } of batchMembers) for (const n of member.numbers) batchNumbers.add(n);

  // Which stored dossiers these numbers belong to: as another number (dossier_aliases), or as the
  // dossier's own (its id: every batch number joins `involved` below). On a first sync into empty
  // dossier tables every stored id, alias and entity is a number this run has met, so numbers it never
  // met are not looked up (run-context.ts `written`); the batch's numbers are remembered as they are
  // tested. Each verdict is taken once: a batch's numbers are asked about three times below.
  const written = ctx.written.dossierNumbers;
  const verdicts = new Map<string, boolean>();
  const maybeStored = (ids: Iterable<string>, remember = false): string[] => {
    if (written === null) return [...ids];
    const out: string[] = [];
    for (const id of ids) {
      let maybe = verdicts.get(id);
      if (maybe === undefined) {
        maybe = remember ? written.testAndAdd(id) : written.mayHave(id);
        verdicts.set(id, maybe);
      }
      if (maybe) out.push(id);
    }
    return out;
  };
  const involved = new Set<string>(extraIds);
  const lookupNumbers = maybeStored(batchNumbers, true);
  if (lookupNumbers.length > 0) {
    const owners = await s.selectIn<{ dossier_id: string }>(
      'select dossier_id from dossier_aliases where alias in IN_LIST',
      lookupNumbers,
    );
    for (const o of owners) involved.add(o.dossier_id);
  }
  for (const r of changed) if (r.previousEntityId !== null) involved.add(r.previousEntityId);
  // Waiting history events are stored under their own number.
  for (const n of batchNumbers) involved.add(n);

  const stored = await loadMembers(ctx, 'dossier', maybeStored(involved));
  const members: DMember[] = [];
  // (Most batches of a first load have no stored member: no set of keys to build then.)
  const replaced = stored.length === 0 ? null : new Set(changed.map((r) => `${r.type}\u0000${r.key}`));
  for (const m of stored) {
    if (m.sourceId === ctx.source.id && replaced!.has(`${m.type}\u0000${m.key}`)) continue;
    members.push(numbered(m));
  }
  for (const b of batchMembers) members.push(b.member);

  // Components: records linked by shared numbers.
  const uf = new UnionFind();
  for (const { numbers } of members)
    for (let i = 1; i < numbers.length; i++) uf.union(numbers[0]!, numbers[i]!);
  const components = new Map<string, DMember[]>();
  for (const m of members) pushTo(components, uf.find(m.numbers[0]!), m);

  const merged: MergedDossier[] = [];
  const entityOf = new Map<DMember, string>();
  for (const list of components.values()) {
    const dossiers = list.filter((m) => m.type === 'dossier') as NumberedMember<DossierCandidate>[];
    const events = list.filter((m) => m.type === 'dossierEvent') as Member<DossierEventCandidate>[];
    let id: string;
    if (dossiers.length === 0) {
      // History waiting for its dossier: kept under its own number.
      id = list[0]!.numbers[0]!;
    } else {
      let best: Member<DossierCandidate> | null = null;
      let bestNumber = '';
      for (const d of dossiers) {
        const n = d.numbers[0]!;
        if (
          best === null ||
          d.precedence < best.precedence ||
          (d.precedence === best.precedence && n < bestNumber)
        ) {
          best = d;
          bestNumber = n;
        }
      }
      id = bestNumber;
      merged.push(mergeDossier(id, dossiers, events));
    }
    for (const m of list) entityOf.set(m, id);
  }

  // References for the whole batch, one query per table.
  const lookup = runReferences(ctx);
  const officeKeys = [];
  const procedureCodes = [];
  for (const m of merged) {
    const r = referencesOf(m);
    officeKeys.push(...r.offices);
    procedureCodes.push(...r.procedures);
  }
  await lookup.loadOffices(officeKeys);
  await lookup.loadProcedures(procedureCodes);
  const calendars = await calendarsOf(ctx);
  const noHolidays = new WorkingCalendar();
  const refs = {
    office: (k: Parameters<ReferenceLookup['office']>[0]) => lookup.office(k),
    procedure: (c: string | null) => lookup.procedure(c),
    calendar: (p: string | null) => (p === null ? noHolidays : (calendars.get(p) ?? noHolidays)),
  };
  const built: BuiltDossier[] = merged.map((m) => buildDossier(ctx, m, refs));

  // Compare with what is stored.
  const newIds = new Set(built.map((b) => b.id));
  const candidateIds = maybeStored(new Set<string>([...newIds, ...involved]));
  const existing = new Map<string, { hash: string; runId: number | null }>();
  // A first load may have deferred the id index (deferred-indexes.ts): a read by id needs it.
  if (candidateIds.length > 0) await ctx.deferred.lookupIndexes?.rebuild();
  for (const r of await s.selectIn<{ id: string; content_hash: string; updated_run_id: number | null }>(
    'select id, content_hash, updated_run_id from dossiers where id in IN_LIST',
    candidateIds,
  )) {
    existing.set(r.id, {
      hash: r.content_hash,
      runId: r.updated_run_id === null ? null : Number(r.updated_run_id),
    });
  }
  // Only a dossier stored before is compared, so only its hash is taken here.
  const toWrite = built.filter((b) => {
    const stored = existing.get(b.id);
    return stored === undefined || stored.hash !== dossierHash(b);
  });
  const toClear = [
    ...toWrite.filter((b) => existing.has(b.id)).map((b) => b.id),
    ...[...existing.keys()].filter((id) => !newIds.has(id)),
  ];
  await keepPreRunState(ctx, toClear, existing);
  await restorePreRunRunIds(ctx, toWrite);
  await clearDossiers(ctx, toClear);
  await insertDossiers(ctx, toWrite);

  // Lineage: the batch's records, and stored records whose dossier was re-keyed or merged.
  await writeLineage(
    ctx,
    batchMembers.map(({ record, member }) => ({ record, entityId: entityOf.get(member)! })),
  );
  const moves = [];
  for (const m of members) {
    if (m.entityId === null) continue;
    const now = entityOf.get(m)!;
    if (now !== m.entityId) moves.push({ sourceId: m.sourceId, type: m.type, key: m.key, entityId: now });
  }
  await moveMembers(ctx, moves);
}

/** Runs that saved pre-run dossier rows (staging.ts `sync_dossier_before`): only they need reading it. */
const savedBefore = new WeakSet<RunContext>();

/** The first rewrite of a dossier in a run saves its pre-run hash and run (updates only). */
async function keepPreRunState(
  ctx: RunContext,
  ids: readonly string[],
  existing: ReadonlyMap<string, { hash: string; runId: number | null }>,
): Promise<void> {
  const rows: unknown[][] = [];
  for (const id of ids) {
    const e = existing.get(id)!;
    if (e.runId !== ctx.runId) rows.push([id, e.hash, e.runId]);
  }
  if (rows.length === 0) return;
  savedBefore.add(ctx);
  await ctx.session.insert(
    'sync_dossier_before',
    ['id', 'content_hash', 'updated_run_id'],
    rows,
    'on conflict (id) do nothing',
  );
}

/**
 * A dossier this run already rewrote (a key repeated in the file) that ends exactly as it was before
 * the run keeps the run that last changed it, as if only the last occurrence had been read.
 */
async function restorePreRunRunIds(ctx: RunContext, list: readonly BuiltDossier[]): Promise<void> {
  if (!savedBefore.has(ctx) || list.length === 0) return;
  const ids = list.map((b) => b.id);
  const before = new Map<string, { content_hash: string; updated_run_id: number | null }>();
  for (const r of await ctx.session.selectIn<{
    id: string;
    content_hash: string;
    updated_run_id: number | null;
  }>('select id, content_hash, updated_run_id from sync_dossier_before where id in IN_LIST', ids)) {
    before.set(r.id, r);
  }
  for (const b of list) {
    const pre = before.get(b.id);
    if (pre !== undefined && pre.content_hash === dossierHash(b)) {
      b.values[RUN_ID_COLUMN] = pre.updated_run_id === null ? null : Number(pre.updated_run_id);
    }
  }
}

const CHILD_TABLES = [
  'dossier_aliases',
  'dossier_events',
  'dossier_pauses',
  'dossier_due_revisions',
] as const;

async function clearDossiers(ctx: RunContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const t of CHILD_TABLES) await ctx.session.runIn(`delete from ${t} where dossier_id in IN_LIST`, ids);
  await ctx.session.runIn(
    "delete from conflicts where entity_type = 'dossier' and entity_id in IN_LIST",
    ids,
  );
  await ctx.session.runIn('delete from dossiers where id in IN_LIST', ids);
}

/** What `insertDossiers` writes: a dossier row with its child rows (sql-session.ts FamilySpec). */
const DOSSIER_FAMILY: FamilySpec = {
  parent: { table: 'dossiers', columns: DOSSIER_COLUMNS },
  children: [
    { table: 'dossier_aliases', columns: ALIAS_COLUMNS },
    { table: 'dossier_events', columns: EVENT_COLUMNS },
    { table: 'dossier_pauses', columns: PAUSE_COLUMNS },
    { table: 'dossier_due_revisions', columns: REVISION_COLUMNS },
    { table: 'conflicts', columns: CONFLICT_COLUMNS },
  ],
  hashAt: HASH_COLUMN,
};

function familyOf(b: BuiltDossier): Family {
  return { row: b.values, children: [b.aliases, b.events, b.pauses, b.revisions, b.conflicts] };
}

/**
 * A built dossier's content hash, taken the first time a comparison needs it (else the session takes
 * it as it writes the row: DOSSIER_FAMILY).
 */
function dossierHash(b: BuiltDossier): string {
  fillFamilyHashes(DOSSIER_FAMILY, [familyOf(b)]);
  return b.values[HASH_COLUMN] as string;
}

async function insertDossiers(ctx: RunContext, list: readonly BuiltDossier[]): Promise<void> {
  if (list.length === 0) return;
  await ctx.session.insertFamilies(DOSSIER_FAMILY, list.map(familyOf));
}
