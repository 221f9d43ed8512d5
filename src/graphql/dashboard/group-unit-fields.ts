import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../context.js';
import { unitAt, unitNamedBy } from '../units/unit-at.js';
import { Unit } from '../units/unit-types.js';
import { StaffStats, Workload } from './staff-stats-types.js';
import { DossierStats } from './stats-types.js';

/** A figure row grouped by province and/or commune: its keys are unit codes. */
interface UnitKeyed {
  province: string | null;
  commune: string | null;
}

/**
 * `provinceUnit` and `communeUnit` beside the code keys of a figure row, so a dashboard shows names
 * without a second query. Resolved through the request's unit loader (one query for the whole
 * answer, whatever its rows). The province is today's; the commune is the unit its code names today,
 * or — an old commune reported under geography AS_REPORTED — its last version (unitNamedBy).
 */
function groupUnitFields(rowType: typeof DossierStats | typeof StaffStats | typeof Workload) {
  @Resolver(() => rowType)
  class GroupUnitFields {
    @FieldResolver(() => Unit, {
      nullable: true,
      description:
        'The province of `province` as it stands today; null when the row is not grouped by PROVINCE.',
    })
    provinceUnit(@Root() row: UnitKeyed, @Ctx() context: HubContext): Promise<Unit | null> {
      return unitAt(context, row.province, context.today);
    }

    @FieldResolver(() => Unit, {
      nullable: true,
      description:
        'The commune of `commune`: as it stands today, or its last version when it no longer exists (an old commune under geography AS_REPORTED); null when the row is not grouped by COMMUNE or counts at province level.',
    })
    communeUnit(@Root() row: UnitKeyed, @Ctx() context: HubContext): Promise<Unit | null> {
      return unitNamedBy(context, row.commune, context.today);
    }
  }
  return GroupUnitFields;
}

export const DossierStatsUnitFields = groupUnitFields(DossierStats);
export const StaffStatsUnitFields = groupUnitFields(StaffStats);
export const WorkloadUnitFields = groupUnitFields(Workload);
