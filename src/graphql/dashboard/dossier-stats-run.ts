import type { Dimension } from '../../stats/dimensions.js';
import type { DossierStatsRequest, DossierStatsRow } from '../../stats/dossier-stats.js';
import { cachedDossierStats } from '../../stats/stats-cache.js';
import { requireRoleFor } from '../access.js';
import type { HubContext } from '../context.js';
import { userInputError } from '../errors.js';
import { instantArg, periodArg, toFilterInput } from './dossier-filter.js';
import type { DossierStatsArgs } from './dossier-stats-args.js';
import { requestNow } from './request-now.js';

export { requestNow };

/**
 * From GraphQL arguments to a src/stats request: validation with messages that say what to do, the
 * principal's province scope (aggregates are VIEWER-level, DESIGN.md §4), defaults (DAY, CURRENT,
 * asOf = now, period = this month).
 */
export function statsRequest(context: HubContext, args: DossierStatsArgs): DossierStatsRequest {
  requireRoleFor(context, 'VIEWER', 'dossierStats');
  const groupBy = (args.groupBy ?? []) as Dimension[];
  if (new Set(groupBy).size !== groupBy.length) {
    throw userInputError(
      `groupBy lists a dimension twice (${groupBy.join(', ')}); list each dimension once.`,
      {
        argument: 'groupBy',
      },
    );
  }
  // The default asOf is now to the minute: snapshot figures move on with time, and the same dashboard
  // question within a minute is answered from the cache (src/stats/stats-cache.ts).
  const minute = `${requestNow(context).slice(0, 16)}:00.000Z`;
  const asOf = args.asOf ? instantArg(args.asOf, 'asOf') : minute;
  return {
    filter: toFilterInput(context, args.filter),
    period: periodArg(args.period),
    groupBy,
    policy: args.policy ?? 'DAY',
    geography: args.geography ?? 'CURRENT',
    asOf,
    now: minute,
  };
}

export function runDossierStats(
  context: HubContext,
  request: DossierStatsRequest,
): Promise<DossierStatsRow[]> {
  return cachedDossierStats(context.database, request);
}
