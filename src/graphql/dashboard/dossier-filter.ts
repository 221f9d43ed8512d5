import { Field, InputType } from 'type-graphql';
import { scopedProvinces } from '../../security/scope.js';
import type { DossierFilterInput } from '../../stats/filter.js';
import { addDays, isLocalDate, todayLocal } from '../../units/dates.js';
import type { HubContext } from '../context.js';
import { DossierChannel, DossierStatus } from '../dossiers/dossier-enums.js';
import { userInputError } from '../errors.js';

@InputType('DateRange', { description: 'A range of local (UTC+7) dates, both ends included.' })
export class DateRange {
  @Field(() => String, { nullable: true, description: 'First day (yyyy-MM-dd); absent = no lower bound.' })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day (yyyy-MM-dd), included; absent = no upper bound.',
  })
  to?: string | null;
}

@InputType('DossierFilter', {
  description:
    'Which dossiers (DESIGN.md §4), over indexed columns. Each list means "any of"; conditions combine with AND. Your province scope always applies.',
})
export class DossierFilter {
  @Field(() => [String], { nullable: true, description: 'Province codes (2 digits).' })
  provinceCodes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Commune codes (5 digits): current codes, or reported codes with geography AS_REPORTED.',
  })
  communeCodes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Receiving office ids (long agency id, `000.00.13.H56`).',
  })
  officeIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Procedure national codes (`1.000656`).' })
  procedureCodes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Sector codes (mã lĩnh vực) as the sources give them.',
  })
  sectorCodes?: string[] | null;

  @Field(() => [DossierChannel], { nullable: true, description: 'Channels.' })
  channels?: DossierChannel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: also dossiers no source gives a channel for (alone, when `channels` is absent).',
  })
  channelUnknown?: boolean | null;

  @Field(() => [DossierStatus], { nullable: true, description: 'Current statuses.' })
  statuses?: DossierStatus[] | null;

  @Field(() => DateRange, { nullable: true, description: 'Received between these local dates.' })
  received?: DateRange | null;

  @Field(() => DateRange, {
    nullable: true,
    description: 'Settled (resolved, else returned) between these local dates.',
  })
  settled?: DateRange | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only dossiers overdue at this moment (ISO instant, or a local date = the end of that day): backlog, not paused then, effective due before it.',
  })
  overdueAt?: string | null;
}

/** The filter as src/stats takes it, narrowed to the principal's province scope (DESIGN.md §4). */
export function toFilterInput(
  context: HubContext,
  filter: DossierFilter | null | undefined,
): DossierFilterInput {
  const f = filter ?? {};
  const provinces = scopedProvinces(context, f.provinceCodes ?? null);
  const range = (r: DateRange | null | undefined, name: string) => {
    if (!r) return null;
    if (r.from) checkDate(r.from, `filter.${name}.from`);
    if (r.to) checkDate(r.to, `filter.${name}.to`);
    return { from: r.from ?? null, to: r.to ?? null };
  };
  let channels: string[] | null = f.channels ? [...f.channels] : null;
  if (f.channelUnknown) channels = [...(channels ?? []), 'UNKNOWN'];
  return {
    provinceCodes: provinces === null ? null : [...provinces],
    communeCodes: f.communeCodes ?? null,
    officeIds: f.officeIds ?? null,
    procedureIds: f.procedureCodes ?? null,
    sectorCodes: f.sectorCodes ?? null,
    channels,
    statuses: f.statuses ?? null,
    received: range(f.received, 'received'),
    settled: range(f.settled, 'settled'),
    overdueAt: f.overdueAt ? instantArg(f.overdueAt, 'filter.overdueAt') : null,
  };
}

export function checkDate(value: string, argument: string): string {
  if (!isLocalDate(value)) {
    throw userInputError(
      `${argument} must be a local date written yyyy-MM-dd (for example 2025-07-01); found "${value}".`,
      {
        argument,
      },
    );
  }
  return value;
}

/**
 * An instant argument: an ISO date-time with a zone (`2025-08-01T09:00:00+07:00`, `…Z`), or a local
 * date meaning the END of that local day (`2025-07-31` = 2025-08-01 00:00 local, exclusive).
 */
export function instantArg(value: string, argument: string): string {
  if (isLocalDate(value)) return new Date(`${addDays(value, 1)}T00:00:00.000+07:00`).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  throw userInputError(
    `${argument} must be an ISO date-time with a zone (2025-08-01T09:00:00+07:00) or a local date yyyy-MM-dd (the end of that day); found "${value}".`,
    { argument },
  );
}

/** The period of an aggregate: both ends required in effect; default = this month up to today. */
export function periodArg(period: DateRange | null | undefined): { from: string; to: string } {
  const today = todayLocal();
  const from = period?.from ? checkDate(period.from, 'period.from') : `${today.slice(0, 7)}-01`;
  const to = period?.to ? checkDate(period.to, 'period.to') : today;
  if (from > to) {
    throw userInputError(
      `period.from (${from}) is after period.to (${to}); give from ≤ to (both ends are included).`,
      {
        argument: 'period',
      },
    );
  }
  return { from, to };
}
