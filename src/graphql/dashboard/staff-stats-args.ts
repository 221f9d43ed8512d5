import { ArgsType, Field, InputType } from 'type-graphql';
import { StaffDimension, WorkloadDimension } from './dashboard-enums.js';
import { DateRange } from './dossier-filter.js';

@InputType('StaffStatsFilter', {
  description: 'Which staff figures: by the province, commune or office of the active assignments.',
})
export class StaffStatsFilter {
  @Field(() => [String], { nullable: true, description: 'Province codes.' })
  provinceCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Current commune codes.' })
  communeCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Office ids.' })
  officeIds?: string[] | null;
}

@ArgsType()
export class StaffStatsArgs {
  @Field(() => StaffStatsFilter, { nullable: true, description: 'Which staff.' })
  filter?: StaffStatsFilter | null;

  @Field(() => [StaffDimension], { nullable: true, description: 'Group by (default: one total row).' })
  groupBy?: StaffDimension[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The date figures are taken at (yyyy-MM-dd, default today).',
  })
  asOf?: string | null;
}

@ArgsType()
export class WorkloadArgs {
  @Field(() => StaffStatsFilter, {
    nullable: true,
    description: 'Which units (province and commune codes; offices are ignored).',
  })
  filter?: StaffStatsFilter | null;

  @Field(() => DateRange, { nullable: true, description: 'The period (default: this month up to today).' })
  period?: DateRange | null;

  @Field(() => [WorkloadDimension], { nullable: true, description: 'Group by (default: one total row).' })
  groupBy?: WorkloadDimension[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The date staff are counted at (yyyy-MM-dd, default today).',
  })
  asOf?: string | null;
}
