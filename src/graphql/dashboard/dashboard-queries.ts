import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../context.js';
import { DossierStatsArgs } from './dossier-stats-args.js';
import { runDossierStats, statsRequest } from './dossier-stats-run.js';
import { DossierStats } from './stats-types.js';

/** Dashboard aggregates (DESIGN.md §3–4): VIEWER-level, province scope applied in SQL. */
@Resolver()
export class DashboardQueries {
  @Query(() => [DossierStats], {
    description:
      'Dossier KPIs grouped by the given dimensions (DESIGN.md §3): counts, timeliness under a policy, snapshots at asOf, and every rate with its numerator and denominator. Rows are ordered by their keys; only groups with something counted are returned (one row when ungrouped).',
  })
  async dossierStats(
    @Args(() => DossierStatsArgs) args: DossierStatsArgs,
    @Ctx() context: HubContext,
  ): Promise<DossierStats[]> {
    const rows = await runDossierStats(context, statsRequest(context, args));
    return DossierStats.fromRows(rows);
  }
}
