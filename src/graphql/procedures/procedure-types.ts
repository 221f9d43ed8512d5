import type { Selectable } from 'kysely';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ProceduresTable } from '../../../schema/tables.js';
import { Connection } from '../connection.js';

export enum ProcedureLevel {
  INFORMATION = 'INFORMATION',
  PARTIAL_ONLINE = 'PARTIAL_ONLINE',
  FULL_ONLINE = 'FULL_ONLINE',
}
registerEnumType(ProcedureLevel, {
  name: 'ProcedureLevel',
  description: 'How far a procedure is offered online (mức độ dịch vụ công trực tuyến).',
  valuesConfig: {
    INFORMATION: { description: 'Information only (dịch vụ cung cấp thông tin; old levels 1–2).' },
    PARTIAL_ONLINE: { description: 'Partly online (một phần; old level 3).' },
    FULL_ONLINE: { description: 'Fully online (toàn trình; old level 4).' },
  },
});

export enum AuthorityLevel {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
}
registerEnumType(AuthorityLevel, {
  name: 'AuthorityLevel',
  description: 'The level of government that decides the procedure (cấp thực hiện).',
  valuesConfig: {
    PROVINCE: { description: 'Province level (cấp tỉnh).' },
    COMMUNE: { description: 'Commune level (cấp xã).' },
  },
});

export enum DurationUnit {
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_DAYS = 'CALENDAR_DAYS',
  WORKING_HOURS = 'WORKING_HOURS',
}
registerEnumType(DurationUnit, {
  name: 'DurationUnit',
  description: 'Unit of a statutory duration (loại thời gian).',
  valuesConfig: {
    WORKING_DAYS: { description: 'Working days (ngày làm việc).' },
    CALENDAR_DAYS: { description: 'Calendar days (ngày).' },
    WORKING_HOURS: { description: 'Working hours (giờ).' },
  },
});

@ObjectType('Procedure', {
  description:
    'An administrative procedure (thủ tục hành chính), keyed by its national code; local variants are aliases.',
})
export class Procedure {
  @Field(() => ID, { description: 'National code (mã thủ tục), e.g. `1.000656`.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name (tên thủ tục).' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Sector code (mã lĩnh vực), e.g. `HT`.' })
  sectorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Sector name (lĩnh vực), e.g. Hộ tịch.' })
  sectorName!: string | null;

  @Field(() => ProcedureLevel, { nullable: true, description: 'Online level; null when no source gives it.' })
  level!: ProcedureLevel | null;

  @Field(() => AuthorityLevel, { nullable: true, description: 'The level that decides it (cấp thực hiện).' })
  authorityLevel!: AuthorityLevel | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Statutory duration (thời hạn giải quyết), in `durationUnit`.',
  })
  duration!: number | null;

  @Field(() => DurationUnit, { nullable: true, description: 'Unit of `duration` and `onlineDuration`.' })
  durationUnit!: DurationUnit | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Duration when filed online, when it differs from `duration`.',
  })
  onlineDuration!: number | null;

  static from(row: Selectable<ProceduresTable>): Procedure {
    const p = new Procedure();
    p.code = row.id;
    p.name = row.name;
    p.sectorCode = row.sector_code;
    p.sectorName = row.sector_name;
    p.level = row.level as ProcedureLevel | null;
    p.authorityLevel = row.authority_level as AuthorityLevel | null;
    p.duration = row.duration === null ? null : Number(row.duration);
    p.durationUnit = row.duration_unit as DurationUnit | null;
    p.onlineDuration = row.online_duration === null ? null : Number(row.online_duration);
    return p;
  }
}

@ObjectType('ProcedureConnection', { description: 'A page of procedures, by code.' })
export class ProcedureConnection extends Connection(Procedure, 'Procedure', 'procedure') {}
