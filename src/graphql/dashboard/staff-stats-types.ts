import { Field, Int, ObjectType } from 'type-graphql';
import type { StaffStatsRow } from '../../stats/staff-stats.js';
import type { WorkloadRow } from '../../stats/workload.js';
import { Rate } from './stats-types.js';

// simpleResolvers: plain property reads, no type-graphql wrapper per field (see stats-types.ts).
@ObjectType('CategoryCount', {
  description: 'Active persons of one staff category (loại cán bộ).',
  simpleResolvers: true,
})
export class CategoryCount {
  @Field(() => String, {
    description: 'CADRE, CIVIL_SERVANT, PUBLIC_EMPLOYEE, CONTRACT (UNKNOWN when not given).',
  })
  category!: string;

  @Field(() => Int, { description: 'Active persons with an active assignment of this category.' })
  count!: number;
}

@ObjectType('SectorGap', {
  description: 'A commune with no active staff for some key sectors.',
  simpleResolvers: true,
})
export class SectorGap {
  @Field(() => String, { description: 'Current commune code.' })
  commune!: string;

  @Field(() => [String], {
    description:
      'Key sectors (LAND, CONSTRUCTION, FINANCE, PLANNING, IT, JUSTICE) nobody active handles there.',
  })
  missingSectors!: string[];
}

@ObjectType('StaffStats', {
  description:
    'Staff figures for one group (DESIGN.md §3 "Staff"): active persons (an assignment `Đang công tác`) and their active assignments. A person counts once per group they work in.',
  simpleResolvers: true,
})
export class StaffStats {
  @Field(() => String, { nullable: true, description: 'Province, when grouped by PROVINCE.' })
  province!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Commune, when grouped by COMMUNE (null = province-level office).',
  })
  commune!: string | null;

  @Field(() => String, { nullable: true, description: 'Office id, when grouped by OFFICE.' })
  office!: string | null;

  @Field(() => Int, { description: 'Active persons.' })
  headcount!: number;

  @Field(() => [CategoryCount], { description: 'Active persons by category.' })
  byCategory!: CategoryCount[];

  @Field(() => Int, {
    description:
      'Persons handling 2 or more sectors over their active assignments (kiêm nhiệm; unrecognised = OTHER).',
  })
  multiSector!: number;

  @Field(() => Int, { description: 'Persons with an active secondment (biệt phái).' })
  seconded!: number;

  @Field(() => Int, {
    description: 'Persons with an active assignment at a public administrative service centre.',
  })
  serviceCentreStaff!: number;

  @Field(() => Int, {
    description:
      'Service-centre persons whose earliest service start is less than two calendar years before asOf (Decree 118/2025 asks for 2).',
  })
  serviceCentreUnderTwoYears!: number;

  @Field(() => Int, {
    description: 'Service-centre persons with no service start recorded (not counted above).',
  })
  serviceCentreStartUnknown!: number;

  @Field(() => Int, {
    description:
      'Persons handling a sector none of their training specialties relates to (keyword table: src/stats/training-keywords.ts).',
  })
  trainingMismatches!: number;

  @Field(() => Int, { description: 'Persons with no training specialty recorded (cannot be checked).' })
  trainingUnknown!: number;

  @Field(() => [SectorGap], {
    description:
      'Current communes of this group lacking active staff for key sectors (empty when grouped by OFFICE).',
  })
  sectorGaps!: SectorGap[];

  static from(row: StaffStatsRow): StaffStats {
    const s = new StaffStats();
    s.province = row.keys.PROVINCE ?? null;
    s.commune = row.keys.COMMUNE ?? null;
    s.office = row.keys.OFFICE ?? null;
    const { keys: _k, ...figures } = row;
    Object.assign(s, figures);
    return s;
  }
}

@ObjectType('Workload', {
  description: 'Dossiers received per active staff member per month (DESIGN.md §3 "Workload").',
  simpleResolvers: true,
})
export class Workload {
  @Field(() => String, { nullable: true, description: 'Province, when grouped by PROVINCE.' })
  province!: string | null;

  @Field(() => String, { nullable: true, description: 'Current commune, when grouped by COMMUNE.' })
  commune!: string | null;

  @Field(() => String, { nullable: true, description: 'Local month, when grouped by MONTH.' })
  month!: string | null;

  @Field(() => Int, { description: 'Dossiers received in the period (or month).' })
  received!: number;

  @Field(() => Int, {
    description:
      'Active persons with an assignment there at asOf (no staff history: the same for every month).',
  })
  activeStaff!: number;

  @Field(() => Int, {
    description: 'Months divided by: 1 per MONTH row, else the calendar months the period touches.',
  })
  months!: number;

  @Field(() => Rate, { description: 'received / (activeStaff × months).' })
  perStaffPerMonth!: Rate;

  static from(row: WorkloadRow): Workload {
    const w = new Workload();
    w.province = row.keys.PROVINCE ?? null;
    w.commune = row.keys.COMMUNE ?? null;
    w.month = row.keys.MONTH ?? null;
    w.received = row.received;
    w.activeStaff = row.activeStaff;
    w.months = row.months;
    w.perStaffPerMonth = row.perStaffPerMonth;
    return w;
  }
}
