import type { RunContext } from './run-context.js';

/**
 * Per-run quality results (DESIGN.md §2 "quality results per run"; §3: every rate comes with its
 * numerator and denominator). Written inside the run's transaction, so they describe exactly what
 * the run published:
 * - `rejected_share`: records quarantined / records read by the run;
 * - over the source's dossiers as published after the run: `unresolved_office_share`,
 *   `unresolved_procedure_share`, `unresolved_unit_share`, `ambiguous_unit_share`,
 *   `legacy_code_share`, `derived_due_share`;
 * - over the assignments of the persons the source describes: `unresolved_assignment_office_share`
 *   (an office or seconded-from office not resolved yet: accepted and flagged, SOURCES.md "Common rules").
 * Returns how many of the source's dossiers carry an unresolved-reference flag, plus its persons'
 * assignments with an unresolved office (the run's warnings: the same export reports the same).
 */
export async function writeQuality(ctx: RunContext): Promise<{ flaggedDossiers: number }> {
  const rows: [string, number, number][] = [['rejected_share', ctx.counts.rejected, ctx.counts.read]];
  // The run started with no dossier, alias or dossier lineage at all (run-context.ts `written`): every
  // dossier row now is one this run wrote from this source's records, so the source's dossiers are the
  // whole table — read in one pass instead of one lookup per lineage row (~1 s at 100,000 rows).
  const everyDossierIsOurs = ctx.written.dossierNumbers !== null;
  const stats = await ctx.session.all<Record<string, number | string | null>>(
    'select cast(count(*) as integer) as total, ' +
      "cast(coalesce(sum(case when flags like '%UNRESOLVED_OFFICE%' then 1 else 0 end), 0) as integer) as office, " +
      "cast(coalesce(sum(case when flags like '%UNRESOLVED_PROCEDURE%' then 1 else 0 end), 0) as integer) as procedure_, " +
      "cast(coalesce(sum(case when flags like '%UNRESOLVED_UNIT%' then 1 else 0 end), 0) as integer) as unit, " +
      "cast(coalesce(sum(case when flags like '%AMBIGUOUS_UNIT%' then 1 else 0 end), 0) as integer) as ambiguous, " +
      'cast(coalesce(sum(legacy_code), 0) as integer) as legacy, ' +
      'cast(coalesce(sum(due_derived), 0) as integer) as derived, ' +
      "cast(coalesce(sum(case when flags like '%UNRESOLVED%' or flags like '%AMBIGUOUS_UNIT%' then 1 else 0 end), 0) as integer) as flagged " +
      (everyDossierIsOurs ? 'from dossiers' : `from dossiers ${await sourceDossiers(ctx)}`),
    everyDossierIsOurs ? [] : [ctx.source.id, 'dossier'],
  );
  const st = stats[0];
  const total = Number(st?.total ?? 0);
  if (st && total > 0) {
    rows.push(
      ['unresolved_office_share', Number(st.office), total],
      ['unresolved_procedure_share', Number(st.procedure_), total],
      ['unresolved_unit_share', Number(st.unit), total],
      ['ambiguous_unit_share', Number(st.ambiguous), total],
      ['legacy_code_share', Number(st.legacy), total],
      ['derived_due_share', Number(st.derived), total],
    );
  }
  const staff = (
    await ctx.session.all<{ total: number; unresolved: number }>(
      'select cast(count(*) as integer) as total, ' +
        'cast(coalesce(sum(case when (office_ref is not null and office_id is null) ' +
        'or (seconded_from_ref is not null and seconded_from_id is null) then 1 else 0 end), 0) as integer) as unresolved ' +
        'from assignments where person_id in (select entity_id from source_records where source_id = ? and record_type = ?)',
      [ctx.source.id, 'staff'],
    )
  )[0];
  const assignments = Number(staff?.total ?? 0);
  const unresolvedAssignments = Number(staff?.unresolved ?? 0);
  if (assignments > 0) rows.push(['unresolved_assignment_office_share', unresolvedAssignments, assignments]);
  await ctx.session.insert(
    'quality_results',
    ['run_id', 'source_id', 'metric', 'value', 'numerator', 'denominator', 'detail'],
    rows.map(([metric, n, d]) => [ctx.runId, ctx.source.id, metric, d === 0 ? 0 : n / d, n, d, null]),
  );
  return { flaggedDossiers: Number(st?.flagged ?? 0) + unresolvedAssignments };
}

/**
 * Which dossiers are the source's: those one of its dossier records builds. Through the source's lineage
 * keys, one row of `source_records` fetched per record, at random places of a table as large as all
 * payloads; when the run read about as many records as there are dossiers (a full export, re-synced),
 * SQLite reads the dossiers in one pass instead and asks the entity index of each: 7.4 s → 3.5 s for a
 * million dossiers. SQLite needs the index named there: without statistics its planner took the key
 * index, which reads every row of the source for each dossier. (PostgreSQL plans the semi-join itself.)
 */
async function sourceDossiers(ctx: RunContext): Promise<string> {
  const byKey = 'where id in (select entity_id from source_records where source_id = ? and record_type = ?)';
  if (ctx.session.engine !== 'sqlite') return byKey;
  const [last] = await ctx.session.all<{ n: number | null }>('select max(rowid) as n from dossiers');
  const dossiers = Number(last?.n ?? 0);
  if (ctx.counts.read * 2 < dossiers) return byKey;
  return (
    'd where exists (select 1 from source_records s indexed by source_records_entity ' +
    "where s.entity_type = 'dossier' and s.entity_id = d.id and s.source_id = ? and s.record_type = ?)"
  );
}
