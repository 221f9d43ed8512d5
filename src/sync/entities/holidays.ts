import type { HolidayCandidate } from '../../../schema/canonical/records.js';
import { pushTo } from '../collections.js';
import { batchMember, loadMembers, writeLineage } from '../lineage.js';
import { byPrecedence, type Member } from '../merge/members.js';
import type { ChangedRecord, RunContext } from '../run-context.js';

/**
 * A province's non-working days (onestop `NgayNghi.csv`, SOURCES.md "onestop"), for derived due
 * times (DESIGN.md §3). A holiday record carries only its date: its province is the source's
 * configured `provinceCode` (the engine quarantines holiday records of a source without one). The
 * entity is `<province>|<date>`; the description comes from the highest-precedence source.
 */
export function holidayIdOf(provinceCode: string, date: string): string {
  return `${provinceCode}|${date}`;
}

export async function rebuildHolidays(ctx: RunContext, changed: readonly ChangedRecord[]): Promise<void> {
  const province = ctx.source.provinceCode;
  if (province === null) throw new Error('rebuildHolidays: holiday records need a source with provinceCode');
  const s = ctx.session;
  const ids = new Set<string>();
  for (const r of changed) {
    ids.add(holidayIdOf(province, (r.data as HolidayCandidate).date));
    if (r.previousEntityId !== null) ids.add(r.previousEntityId);
  }
  const stored = await loadMembers(ctx, 'holiday', ids);
  const replaced = new Set(changed.map((r) => r.key));
  const byId = new Map<string, Member<HolidayCandidate>[]>();
  const add = (id: string, m: Member<HolidayCandidate>) => {
    pushTo(byId, id, m);
  };
  for (const m of stored) {
    if (m.sourceId === ctx.source.id && replaced.has(m.key)) continue;
    add(m.entityId, m as Member<HolidayCandidate>);
  }
  const entityOf = new Map<ChangedRecord, string>();
  for (const r of changed) {
    const id = holidayIdOf(province, (r.data as HolidayCandidate).date);
    entityOf.set(r, id);
    add(id, batchMember(ctx, r) as Member<HolidayCandidate>);
  }
  for (const id of ids) if (!byId.has(id)) byId.set(id, []);

  const existing = new Map<string, string>();
  for (const r of await s.selectIn<{
    province_code: string;
    date: string;
    description: string | null;
    source_id: string;
  }>(
    "select province_code, date, description, source_id from holidays where (province_code || '|' || date) in IN_LIST",
    [...ids],
  )) {
    existing.set(holidayIdOf(r.province_code, r.date), JSON.stringify([r.description, r.source_id]));
  }
  const remove: string[] = [];
  const insert: unknown[][] = [];
  for (const [id, list] of byId) {
    const [p, date] = id.split('|') as [string, string];
    if (list.length === 0) {
      if (existing.has(id)) remove.push(id);
      continue;
    }
    list.sort(byPrecedence);
    const description = list.find((m) => m.data.description !== null)?.data.description ?? null;
    const state = JSON.stringify([description, list[0]!.sourceId]);
    if (existing.get(id) === state) continue;
    if (existing.has(id)) remove.push(id);
    insert.push([p, date, description, list[0]!.sourceId]);
  }
  for (const id of remove) {
    const [p, date] = id.split('|') as [string, string];
    await s.run('delete from holidays where province_code = ? and date = ?', [p, date]);
  }
  await s.insert('holidays', ['province_code', 'date', 'description', 'source_id'], insert);
  if (remove.length > 0 || insert.length > 0) {
    ctx.changedReferences.holidayProvinces.add(province);
    ctx.calendars = null;
  }
  await writeLineage(
    ctx,
    changed.map((record) => ({ record, entityId: entityOf.get(record)! })),
  );
}
