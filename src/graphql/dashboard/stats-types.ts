import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { DossierStatsRow as Row } from '../../stats/dossier-stats.js';
import { TimelinessPolicy } from './dashboard-enums.js';

// simpleResolvers: every field is a plain property read, so graphql-js's default resolver serves it
// directly instead of a type-graphql wrapper per field (a dashboard answer has ~2,000 rows × 20 fields;
// no middleware or auth checker applies to figures: scope is applied in SQL before they exist).
@ObjectType('Rate', {
  description:
    'A rate with what it is made of (DESIGN.md §3: public figures are quoted without denominators; these are not).',
  simpleResolvers: true,
})
export class Rate {
  @Field(() => Float, {
    nullable: true,
    description: 'numerator / denominator; null when the denominator is 0.',
  })
  value!: number | null;

  @Field(() => Int, { description: 'What is counted.' })
  numerator!: number;

  @Field(() => Int, { description: 'Out of what.' })
  denominator!: number;
}

@ObjectType('DossierStats', {
  description:
    'Dossier figures for one group (DESIGN.md §3). Period figures count by received date (received, channels, withdrawn, refused, full-process online) or settle date (settled, timeliness) inside the period; backlog, pendingAcceptance and overdue are snapshots at asOf.',
  simpleResolvers: true,
})
export class DossierStats {
  @Field(() => String, { nullable: true, description: 'Province code, when grouped by PROVINCE.' })
  province!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Commune code, when grouped by COMMUNE; null there = counted at province level only.',
  })
  commune!: string | null;

  @Field(() => String, { nullable: true, description: 'Receiving office id, when grouped by OFFICE.' })
  office!: string | null;

  @Field(() => String, { nullable: true, description: 'Procedure national code, when grouped by PROCEDURE.' })
  procedure!: string | null;

  @Field(() => String, { nullable: true, description: 'Sector code, when grouped by SECTOR.' })
  sector!: string | null;

  @Field(() => String, { nullable: true, description: 'Channel, when grouped by CHANNEL (null = unknown).' })
  channel!: string | null;

  @Field(() => String, { nullable: true, description: 'Status, when grouped by STATUS.' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Local month yyyy-MM, when grouped by MONTH.' })
  month!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Monday of the ISO week (yyyy-MM-dd), when grouped by WEEK.',
  })
  week!: string | null;

  @Field(() => String, { nullable: true, description: 'Local date, when grouped by DAY.' })
  day!: string | null;

  @Field(() => Int, {
    description: 'Received in the period (tiếp nhận) = online + inPerson + postal + channelUnknown.',
  })
  received!: number;

  @Field(() => Int, { description: 'Received online (trực tuyến).' })
  online!: number;

  @Field(() => Int, { description: 'Received in person (trực tiếp).' })
  inPerson!: number;

  @Field(() => Int, { description: 'Received by post (bưu chính công ích).' })
  postal!: number;

  @Field(() => Int, { description: 'Received with no channel in any source.' })
  channelUnknown!: number;

  @Field(() => Int, {
    description: 'Settled in the period: RESOLVED or RETURNED with the settle time in it (đã giải quyết).',
  })
  settled!: number;

  @Field(() => Int, { description: 'Settled early (trước hạn) under the policy.' })
  early!: number;

  @Field(() => Int, { description: 'Settled on time (đúng hạn) under the policy, withoutDueDate included.' })
  onTime!: number;

  @Field(() => Int, { description: 'Settled late (quá hạn) under the policy.' })
  late!: number;

  @Field(() => Int, { description: 'Settled with no due time and none derivable (counted in onTime).' })
  withoutDueDate!: number;

  @Field(() => Int, { description: 'Withdrawn (rút hồ sơ), by received date.' })
  withdrawn!: number;

  @Field(() => Int, { description: 'Refused at acceptance (không được tiếp nhận), by received date.' })
  refused!: number;

  @Field(() => Int, {
    description: 'Received for a FULL_ONLINE procedure (toàn trình; an unknown procedure is not).',
  })
  fullOnlineDossiers!: number;

  @Field(() => Int, { description: 'Of fullOnlineDossiers, received online.' })
  fullOnlineOnline!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'At asOf: ACCEPTED, PROCESSING, SUPPLEMENT_REQUESTED, AWAITING_PAYMENT or STOPPED (tồn), whatever the period. Null when grouped by a time dimension.',
  })
  backlog!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At asOf: SUBMITTED, not yet accepted. Null when grouped by time.',
  })
  pendingAcceptance!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'At asOf: backlog, not paused, effective due time before asOf (timestamps, every policy). Null when grouped by time.',
  })
  overdue!: number | null;

  @Field(() => Rate, { description: '(early + onTime) / settled.' })
  onTimeRate!: Rate;

  @Field(() => Rate, { description: 'online / (online + inPerson + postal).' })
  onlineRate!: Rate;

  @Field(() => Rate, {
    description: 'online / (online + inPerson): the online rate without postal dossiers.',
  })
  onlineRateExcludingPostal!: Rate;

  @Field(() => Rate, { description: 'fullOnlineOnline / fullOnlineDossiers (tỷ lệ trực tuyến toàn trình).' })
  fullOnlineRate!: Rate;

  @Field(() => Rate, { description: 'settled / received.' })
  resolvedRate!: Rate;

  @Field(() => TimelinessPolicy, {
    description: 'The timeliness policy early / onTime / late were judged by.',
  })
  policy!: TimelinessPolicy;

  static from(row: Row): DossierStats {
    const s = new DossierStats();
    const k = row.keys;
    s.province = k.PROVINCE ?? null;
    s.commune = k.COMMUNE ?? null;
    s.office = k.OFFICE ?? null;
    s.procedure = k.PROCEDURE ?? null;
    s.sector = k.SECTOR ?? null;
    s.channel = k.CHANNEL ?? null;
    s.status = k.STATUS ?? null;
    s.month = k.MONTH ?? null;
    s.week = k.WEEK ?? null;
    s.day = k.DAY ?? null;
    // Field by field (not a rest copy + Object.assign): one object shape for every row, cheap to build.
    s.received = row.received;
    s.online = row.online;
    s.inPerson = row.inPerson;
    s.postal = row.postal;
    s.channelUnknown = row.channelUnknown;
    s.settled = row.settled;
    s.early = row.early;
    s.onTime = row.onTime;
    s.late = row.late;
    s.withoutDueDate = row.withoutDueDate;
    s.withdrawn = row.withdrawn;
    s.refused = row.refused;
    s.fullOnlineDossiers = row.fullOnlineDossiers;
    s.fullOnlineOnline = row.fullOnlineOnline;
    s.backlog = row.backlog;
    s.pendingAcceptance = row.pendingAcceptance;
    s.overdue = row.overdue;
    s.onTimeRate = row.onTimeRate;
    s.onlineRate = row.onlineRate;
    s.onlineRateExcludingPostal = row.onlineRateExcludingPostal;
    s.fullOnlineRate = row.fullOnlineRate;
    s.resolvedRate = row.resolvedRate;
    s.policy = row.policy as TimelinessPolicy;
    return s;
  }

  /**
   * The GraphQL rows of an answer. The stats cache hands every request the same (immutable) row array
   * for the same question, so its conversion is kept beside it and shared too: a cached answer costs
   * no per-row work before execution. graphql-js never mutates the objects it reads.
   */
  static fromRows(rows: readonly Row[]): DossierStats[] {
    let converted = CONVERTED.get(rows);
    if (!converted) {
      converted = rows.map(DossierStats.from);
      CONVERTED.set(rows, converted);
    }
    return converted;
  }
}

const CONVERTED = new WeakMap<readonly Row[], DossierStats[]>();
