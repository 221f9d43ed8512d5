import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { UnitVersionsTable } from '../../../schema/tables.js';
import { Connection } from '../connection.js';

/** Levels of the register (DESIGN.md §2). */
export enum UnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  description: 'Level of an administrative unit (cấp hành chính).',
  valuesConfig: {
    PROVINCE: { description: 'Province level (cấp tỉnh): tỉnh or thành phố trực thuộc trung ương.' },
    DISTRICT: { description: 'District level (cấp huyện), abolished on 2025-07-01: legacy versions only.' },
    COMMUNE: { description: 'Commune level (cấp xã): xã, phường, đặc khu; before 2025-07-01 also thị trấn.' },
  },
});

/** Unit types in SCREAMING_CASE (DESIGN.md §4); `Unit.type` keeps the official Vietnamese word. */
export enum UnitKind {
  TINH = 'TINH',
  THANH_PHO = 'THANH_PHO',
  QUAN = 'QUAN',
  HUYEN = 'HUYEN',
  THI_XA = 'THI_XA',
  THI_TRAN = 'THI_TRAN',
  XA = 'XA',
  PHUONG = 'PHUONG',
  DAC_KHU = 'DAC_KHU',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'Type of an administrative unit (loại đơn vị hành chính).',
  valuesConfig: {
    TINH: { description: 'Tỉnh: province.' },
    THANH_PHO: {
      description:
        'Thành phố: a centrally-run city (province level) or, before 2025-07-01, a provincial city (district level).',
    },
    QUAN: { description: 'Quận: urban district (legacy).' },
    HUYEN: { description: 'Huyện: rural district (legacy).' },
    THI_XA: { description: 'Thị xã: town (district level, legacy).' },
    THI_TRAN: { description: 'Thị trấn: township (commune level, legacy).' },
    XA: { description: 'Xã: rural commune.' },
    PHUONG: { description: 'Phường: urban ward.' },
    DAC_KHU: { description: 'Đặc khu: special zone (island communes since 2025-07-01).' },
  },
});

const KIND_OF_TYPE: Record<string, UnitKind> = {
  tỉnh: UnitKind.TINH,
  'thành phố': UnitKind.THANH_PHO,
  quận: UnitKind.QUAN,
  huyện: UnitKind.HUYEN,
  'thị xã': UnitKind.THI_XA,
  'thị trấn': UnitKind.THI_TRAN,
  xã: UnitKind.XA,
  phường: UnitKind.PHUONG,
  'đặc khu': UnitKind.DAC_KHU,
};

/** How one version leads to another (the official conversion table's "Ghi chú", or an amendment). */
export enum SuccessionRelation {
  WHOLE = 'WHOLE',
  PART = 'PART',
  UNCHANGED = 'UNCHANGED',
  RENAMED = 'RENAMED',
  RETYPED = 'RETYPED',
}
registerEnumType(SuccessionRelation, {
  name: 'SuccessionRelation',
  description: 'How a unit version passed into its successor.',
  valuesConfig: {
    WHOLE: { description: 'Merged whole (Nhập toàn bộ), or several provinces merged into one.' },
    PART: { description: 'Part of it went to the successor (Nhập một phần): the old unit was split.' },
    UNCHANGED: { description: 'Kept as it was (Giữ nguyên).' },
    RENAMED: { description: 'Renamed (Đổi tên).' },
    RETYPED: { description: 'Its type changed (Đổi loại hình), e.g. a xã became a phường.' },
  },
});

/** Outcome of resolving a reported unit. */
export enum ResolutionStatus {
  EXACT = 'EXACT',
  SUCCESSOR = 'SUCCESSOR',
  AMBIGUOUS = 'AMBIGUOUS',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(ResolutionStatus, {
  name: 'ResolutionStatus',
  description: 'How a reported unit code or name resolved to current units.',
  valuesConfig: {
    EXACT: { description: 'A current code (or name) on a record dated on or after 2025-07-01.' },
    SUCCESSOR: { description: 'An old unit, resolved through the conversion table to its one successor.' },
    AMBIGUOUS: {
      description:
        'An old unit split across several current units (or a name shared by several): every candidate is listed, none is guessed.',
    },
    NOT_FOUND: {
      description: 'No unit matches; for a legacy district code, `provinceCode` still names its province.',
    },
  },
});

@ObjectType('Unit', {
  description:
    'One version of an administrative unit (đơn vị hành chính). Identity is (level, code, validFrom): codes were reused by the 2025 reorganisation.',
})
export class Unit {
  @Field(() => ID, { description: 'Version id: `LEVEL:code:validFrom`.' })
  id!: string;

  @Field(() => String, {
    description: 'Official code (mã đơn vị hành chính): 2 digits province, 3 district, 5 commune.',
  })
  code!: string;

  @Field(() => String, { description: 'Short name, without the type word (Ngọc Hà).' })
  name!: string;

  @Field(() => String, { description: 'Full name with the type word (Phường Ngọc Hà).' })
  fullName!: string;

  @Field(() => UnitLevel, { description: 'Level: province, district (legacy) or commune.' })
  level!: UnitLevel;

  @Field(() => String, {
    description:
      'Type as the official list writes it: tỉnh, thành phố, quận, huyện, thị xã, thị trấn, xã, phường, đặc khu.',
  })
  type!: string;

  @Field(() => UnitKind, { description: 'The type as an enum.' })
  kind!: UnitKind;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the province this version belongs to (null for a province).',
  })
  provinceCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the district of a legacy commune (null otherwise).',
  })
  districtCode!: string | null;

  @Field(() => String, {
    description:
      'First day in force (local date, inclusive). 1900-01-01 on pre-reform versions means "since before the register of 2025-03-01".',
  })
  validFrom!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Last day in force (local date, inclusive); null while in force.',
  })
  validTo!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The legal act this version rests on (resolution or decision), when known.',
  })
  legalBasis!: string | null;

  /** The date nested fields (province, communes) are looked up at; not part of the schema. */
  viewDate!: string;

  static from(row: UnitVersionsTable, asOf: string): Unit {
    const unit = new Unit();
    unit.id = row.id;
    unit.code = row.code;
    unit.name = row.name;
    unit.fullName = row.full_name;
    unit.level = row.level as UnitLevel;
    unit.type = row.type;
    unit.kind = KIND_OF_TYPE[row.type] ?? UnitKind.XA;
    unit.provinceCode = row.province_code;
    unit.districtCode = row.district_code;
    unit.validFrom = row.valid_from;
    unit.validTo = row.valid_to;
    unit.legalBasis = row.legal_basis;
    unit.viewDate = clampToValidity(asOf, row.valid_from, row.valid_to);
    return unit;
  }
}

/** The date within [from, to] nearest `date`: a version's relatives are shown as they were while it was in force. */
export function clampToValidity(date: string, from: string, to: string | null): string {
  if (date < from) return from;
  if (to !== null && date > to) return to;
  return date;
}

@ObjectType('UnitSuccession', {
  description: 'A link between a unit version and one that came before or after it.',
})
export class UnitSuccession {
  @Field(() => SuccessionRelation, { description: 'How the predecessor passed into the successor.' })
  relation!: SuccessionRelation;

  @Field(() => String, { nullable: true, description: 'The official note (Ghi chú) or legal act, verbatim.' })
  note!: string | null;

  @Field(() => String, { description: 'The day the succession took effect.' })
  effectiveFrom!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Row of the official conversion workbook this link comes from.',
  })
  sourceRow!: number | null;

  @Field(() => Unit, { description: 'The unit version on the other side of the link.' })
  unit!: Unit;
}

@ObjectType('UnitConnection', { description: 'A page of unit versions.' })
export class UnitConnection extends Connection(Unit, 'Unit', 'unit version') {}

@ObjectType('UnitResolution', { description: 'The current unit(s) a reported unit code or name stands for.' })
export class UnitResolution {
  @Field(() => ResolutionStatus, { description: 'How the reported unit resolved.' })
  status!: ResolutionStatus;

  @Field(() => [Unit], {
    description: 'The current unit(s): one for EXACT and SUCCESSOR, every candidate for AMBIGUOUS.',
  })
  units!: Unit[];

  @Field(() => Unit, {
    nullable: true,
    description: 'The version the reported code or name meant on its own date.',
  })
  reported!: Unit | null;

  @Field(() => Boolean, {
    description: 'True when an old code was used on a record dated on or after 2025-07-01.',
  })
  legacy!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The current province the result lies in; null when unknown.',
  })
  provinceCode!: string | null;
}
