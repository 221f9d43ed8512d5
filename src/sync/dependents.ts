import { rebuildDossiers } from './entities/dossiers.js';
import { rebuildStaffDependents } from './entities/staff.js';
import type { RunContext } from './run-context.js';

/**
 * Unresolved references resolve by themselves (SOURCES.md "Common rules": "it resolves by itself
 * when the reference data arrives in a later sync"). When a run changed offices, procedures or
 * holidays, every dossier that may depend on them is rebuilt from its records: dossiers with an
 * unresolved flag or no current commune (their province may come from an office), dossiers pointing
 * at a changed office or procedure, and dossiers with a derived due date in a province whose
 * holidays changed. Paged by id, one batch at a time; an unchanged rebuild writes nothing.
 * Staff assignments naming an unresolved or changed office are rebuilt the same way
 * (`rebuildStaffDependents`, src/sync/entities/staff.ts).
 */
export async function rebuildDependents(ctx: RunContext, batchSize: number): Promise<void> {
  const { offices, procedures, holidayProvinces } = ctx.changedReferences;
  if (offices.size === 0 && procedures.size === 0 && holidayProvinces.size === 0) return;
  const s = ctx.session;
  const temp = s.engine === 'postgres' ? 'create temporary table' : 'create temp table';
  const tail = s.engine === 'postgres' ? ' on commit drop' : '';
  await s.run(
    `${temp} sync_changed_refs (kind text not null, id text not null, primary key (kind, id))${tail}`,
  );
  await s.insert(
    'sync_changed_refs',
    ['kind', 'id'],
    [
      ...[...offices].map((id) => ['office', id]),
      ...[...procedures].map((id) => ['procedure', id]),
      ...[...holidayProvinces].map((id) => ['province', id]),
    ],
  );
  await rebuildStaffDependents(ctx, batchSize);
  const condition =
    "(flags like '%UNRESOLVED%' or unit_code is null " +
    "or receiving_office_id in (select id from sync_changed_refs where kind = 'office') " +
    "or procedure_id in (select id from sync_changed_refs where kind = 'procedure') " +
    "or (due_derived = 1 and province_code in (select id from sync_changed_refs where kind = 'province')))";
  let after = '';
  for (;;) {
    const ids = (
      await s.all<{ id: string }>(
        `select id from dossiers where id > ? and ${condition} order by id limit ?`,
        [after, batchSize],
      )
    ).map((r) => r.id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    await rebuildDossiers(ctx, [], ids);
    if (ids.length < batchSize) break;
  }
  await s.run('drop table if exists sync_changed_refs');
}
