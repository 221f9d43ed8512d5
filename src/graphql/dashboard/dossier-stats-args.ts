import { ArgsType, Field } from 'type-graphql';
import { DossierDimension, Geography, TimelinessPolicy } from './dashboard-enums.js';
import { DateRange, DossierFilter } from './dossier-filter.js';

@ArgsType()
export class DossierStatsArgs {
  @Field(() => DossierFilter, { nullable: true, description: 'Which dossiers (the population).' })
  filter?: DossierFilter | null;

  @Field(() => DateRange, {
    nullable: true,
    description:
      'The period, local dates inclusive: decides what counts as received, settled, withdrawn and refused. Default: this month up to today.',
  })
  period?: DateRange | null;

  @Field(() => [DossierDimension], {
    nullable: true,
    description: 'Group by these dimensions, in this order (default: one total row).',
  })
  groupBy?: DossierDimension[] | null;

  @Field(() => TimelinessPolicy, { nullable: true, description: 'Timeliness policy (default DAY).' })
  policy?: TimelinessPolicy | null;

  @Field(() => String, {
    nullable: true,
    description:
      'When backlog, pendingAcceptance and overdue are taken: an ISO instant, or a local date = the end of that day. Default: now.',
  })
  asOf?: string | null;

  @Field(() => Geography, {
    nullable: true,
    description: 'Which commune a dossier counts in (default CURRENT).',
  })
  geography?: Geography | null;
}
