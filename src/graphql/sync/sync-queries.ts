import { type ExpressionBuilder } from 'kysely';
import { Arg, Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import type { Tables } from '../../../schema/tables.js';
import { provinceScope, requireRoleFor } from '../access.js';
import {
  ConnectionArgs,
  countRows,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../connection.js';
import type { HubContext } from '../context.js';
import {
  QuarantineConnection,
  QuarantineEntry,
  QuarantineStatus,
  SyncRun,
  SyncRunConnection,
  SyncRunStatus,
} from './sync-types.js';

@ArgsType()
class SyncRunsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only the runs of this source.' })
  sourceId?: string | null;

  @Field(() => SyncRunStatus, { nullable: true, description: 'Only the runs in this state.' })
  status?: SyncRunStatus | null;
}

@ArgsType()
class QuarantineArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only the entries this run rejected.' })
  runId?: number | null;

  @Field(() => QuarantineStatus, {
    nullable: true,
    description: 'Only the entries in this state (e.g. OPEN).',
  })
  status?: QuarantineStatus | null;

  @Field(() => String, { nullable: true, description: 'Only the entries of this source.' })
  sourceId?: string | null;
}

/**
 * What stewards watch (DESIGN.md "data stewards"): sync runs and the quarantine. Both need the STEWARD
 * role. Province scope: a run is in scope when its source is (sources.province_code), an entry by its
 * own province_code; a source with no province is visible only to principals of every province.
 */
@Resolver()
export class SyncQueries {
  @Query(() => SyncRunConnection, {
    description: 'Sync runs, newest first (STEWARD). A Relay connection.',
  })
  async syncRuns(
    @Args(() => SyncRunsArgs) args: SyncRunsArgs,
    @Ctx() context: HubContext,
  ): Promise<SyncRunConnection> {
    requireRoleFor(context, 'STEWARD', 'syncRuns');
    const size = pageSize(args.first);
    const before = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
    const scope = provinceScope(context);
    const { db } = context.database;
    const filters = (eb: ExpressionBuilder<Tables & { r: Tables['sync_runs'] }, 'r'>) => {
      const conditions = [];
      if (args.sourceId) conditions.push(eb('r.source_id', '=', args.sourceId));
      if (args.status) conditions.push(eb('r.status', '=', args.status));
      if (scope !== null) {
        conditions.push(
          eb(
            'r.source_id',
            'in',
            eb
              .selectFrom('sources')
              .select('sources.id')
              .where('sources.province_code', 'in', [...scope]),
          ),
        );
      }
      return eb.and(conditions);
    };
    let page = db.selectFrom('sync_runs as r').selectAll('r').where(filters);
    if (before !== null) page = page.where('r.id', '<', before);
    const rows = await page
      .orderBy('r.id', 'desc')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([Number(r.id)]),
      SyncRun.from,
      () => countRows(db.selectFrom('sync_runs as r').where(filters)),
    ) as unknown as SyncRunConnection;
  }

  @Query(() => SyncRun, {
    nullable: true,
    description: 'One sync run by id (STEWARD); null when there is none in the provinces you may see.',
  })
  async syncRun(
    @Arg('id', () => Int, { description: 'The run id.' }) id: number,
    @Ctx() context: HubContext,
  ): Promise<SyncRun | null> {
    requireRoleFor(context, 'STEWARD', 'syncRun');
    const scope = provinceScope(context);
    let query = context.database.db.selectFrom('sync_runs as r').selectAll('r').where('r.id', '=', id);
    if (scope !== null) {
      query = query.where((eb) =>
        eb(
          'r.source_id',
          'in',
          eb
            .selectFrom('sources')
            .select('sources.id')
            .where('sources.province_code', 'in', [...scope]),
        ),
      );
    }
    const row = await query.executeTakeFirst();
    return row ? SyncRun.from(row) : null;
  }

  @Query(() => QuarantineConnection, {
    description:
      'Quarantined source records with every reason and locator, oldest first (STEWARD). Payloads are personal data: masked unless your purpose covers raw payloads. A Relay connection.',
  })
  async quarantine(
    @Args(() => QuarantineArgs) args: QuarantineArgs,
    @Ctx() context: HubContext,
  ): Promise<QuarantineConnection> {
    requireRoleFor(context, 'STEWARD', 'quarantine');
    const size = pageSize(args.first);
    const after = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
    const scope = provinceScope(context);
    const { db } = context.database;
    const filters = (eb: ExpressionBuilder<Tables, 'quarantine'>) => {
      const conditions = [];
      if (args.runId !== null && args.runId !== undefined) conditions.push(eb('run_id', '=', args.runId));
      if (args.status) conditions.push(eb('status', '=', args.status));
      if (args.sourceId) conditions.push(eb('source_id', '=', args.sourceId));
      if (scope !== null) conditions.push(eb('province_code', 'in', [...scope]));
      return eb.and(conditions);
    };
    let page = db.selectFrom('quarantine').selectAll().where(filters);
    if (after !== null) page = page.where('id', '>', after);
    const rows = await page
      .orderBy('id')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([Number(r.id)]),
      QuarantineEntry.from,
      () => countRows(db.selectFrom('quarantine').where(filters)),
    ) as unknown as QuarantineConnection;
  }
}
