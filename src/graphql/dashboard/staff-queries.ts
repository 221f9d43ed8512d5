import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { scopedProvinces } from '../../security/scope.js';
import { type StaffDimension, staffStats } from '../../stats/staff-stats.js';
import { type WorkloadDimension, workload } from '../../stats/workload.js';
import { requireRoleFor } from '../access.js';
import type { HubContext } from '../context.js';
import { dateArg, userInputError } from '../errors.js';
import { periodArg } from './dossier-filter.js';
import { StaffStatsArgs, type StaffStatsFilter, WorkloadArgs } from './staff-stats-args.js';
import { StaffStats, Workload } from './staff-stats-types.js';

/** The staff filter narrowed to the principal's province scope (DESIGN.md §4). */
export function staffFilterInput(context: HubContext, filter: StaffStatsFilter | null | undefined) {
  const provinces = scopedProvinces(context, filter?.provinceCodes ?? null);
  return {
    provinceCodes: provinces === null ? null : [...provinces],
    communeCodes: filter?.communeCodes ?? null,
    officeIds: filter?.officeIds ?? null,
  };
}

function once<T>(list: readonly T[], argument: string): readonly T[] {
  if (new Set(list).size !== list.length) {
    throw userInputError(`${argument} lists a dimension twice (${list.join(', ')}); list each once.`, {
      argument,
    });
  }
  return list;
}

/** Staff aggregates: VIEWER-level (counts only, no personal data). */
@Resolver()
export class StaffDashboardQueries {
  @Query(() => [StaffStats], {
    description:
      'Staff figures (DESIGN.md §3): headcount by category, multi-sector, seconded, service-centre staff under 2 years, sector gaps per commune, assignment–training mismatches.',
  })
  async staffStats(
    @Args(() => StaffStatsArgs) args: StaffStatsArgs,
    @Ctx() context: HubContext,
  ): Promise<StaffStats[]> {
    requireRoleFor(context, 'VIEWER', 'staffStats');
    const rows = await staffStats(
      context.database,
      staffFilterInput(context, args.filter),
      once((args.groupBy ?? []) as StaffDimension[], 'groupBy'),
      dateArg(args.asOf, 'asOf', context.today),
    );
    return rows.map(StaffStats.from);
  }

  @Query(() => [Workload], {
    description:
      'Dossiers received per active staff member per month (DESIGN.md §3), by province, commune and month.',
  })
  async workload(
    @Args(() => WorkloadArgs) args: WorkloadArgs,
    @Ctx() context: HubContext,
  ): Promise<Workload[]> {
    requireRoleFor(context, 'VIEWER', 'workload');
    const filter = staffFilterInput(context, args.filter);
    const rows = await workload(
      context.database,
      { provinceCodes: filter.provinceCodes, communeCodes: filter.communeCodes },
      periodArg(args.period),
      once((args.groupBy ?? []) as WorkloadDimension[], 'groupBy'),
      dateArg(args.asOf, 'asOf', context.today),
    );
    return rows.map(Workload.from);
  }
}
