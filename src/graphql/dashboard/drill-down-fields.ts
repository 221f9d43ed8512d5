import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { staffStats } from '../../stats/staff-stats.js';
import { requireRoleFor } from '../access.js';
import type { HubContext } from '../context.js';
import { dateArg } from '../errors.js';
import { Office } from '../offices/office-types.js';
import { Unit, UnitLevel } from '../units/unit-types.js';
import { DossierStatsArgs } from './dossier-stats-args.js';
import { statsRequest } from './dossier-stats-run.js';
import { staffFilterInput } from './staff-queries.js';
import { StaffStatsArgs } from './staff-stats-args.js';
import { StaffStats } from './staff-stats-types.js';
import { DossierStats } from './stats-types.js';

const STATS_DESCRIPTION =
  'Dossier KPIs of this {what} (the same arguments as Query.dossierStats, narrowed to it). Batched: a list of {what}s costs one aggregate per distinct argument set.';

/** Drill-down from a unit: a province's or a commune's own figures. */
@Resolver(() => Unit)
export class UnitDashboardFields {
  @FieldResolver(() => [DossierStats], { description: STATS_DESCRIPTION.replaceAll('{what}', 'unit') })
  async dossierStats(
    @Root() unit: Unit,
    @Args(() => DossierStatsArgs) args: DossierStatsArgs,
    @Ctx() context: HubContext,
  ): Promise<DossierStats[]> {
    // A legacy district has no dossiers of its own: they count in the current communes.
    if (unit.level === UnitLevel.DISTRICT) return [];
    const by = unit.level === UnitLevel.PROVINCE ? 'PROVINCE' : 'COMMUNE';
    const request = statsRequest(context, args);
    const rows = await context.loaders.dossierStatsOf.load({ by, code: unit.code, request });
    return rows.map(DossierStats.from);
  }

  @FieldResolver(() => [StaffStats], {
    description: 'Staff figures of this unit (the same arguments as Query.staffStats, narrowed to it).',
  })
  async staffStats(
    @Root() unit: Unit,
    @Args(() => StaffStatsArgs) args: StaffStatsArgs,
    @Ctx() context: HubContext,
  ): Promise<StaffStats[]> {
    requireRoleFor(context, 'VIEWER', 'staffStats');
    if (unit.level === UnitLevel.DISTRICT) return [];
    const filter = staffFilterInput(context, args.filter);
    if (unit.level === UnitLevel.PROVINCE) {
      filter.provinceCodes = (filter.provinceCodes ?? [unit.code]).filter((c) => c === unit.code);
    } else {
      filter.communeCodes = (filter.communeCodes ?? [unit.code]).filter((c) => c === unit.code);
    }
    const rows = await staffStats(
      context.database,
      filter,
      (args.groupBy ?? []) as ('PROVINCE' | 'COMMUNE' | 'OFFICE')[],
      dateArg(args.asOf, 'asOf', context.today),
    );
    return rows.map(StaffStats.from);
  }
}

/** Drill-down from an office: the dossiers it received. */
@Resolver(() => Office)
export class OfficeDashboardFields {
  @FieldResolver(() => [DossierStats], { description: STATS_DESCRIPTION.replaceAll('{what}', 'office') })
  async dossierStats(
    @Root() office: Office,
    @Args(() => DossierStatsArgs) args: DossierStatsArgs,
    @Ctx() context: HubContext,
  ): Promise<DossierStats[]> {
    const request = statsRequest(context, args);
    const rows = await context.loaders.dossierStatsOf.load({ by: 'OFFICE', code: office.id, request });
    return rows.map(DossierStats.from);
  }
}
