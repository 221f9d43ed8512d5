import type { Selectable } from 'kysely';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { OfficesTable } from '../../../schema/tables.js';
import { Connection } from '../connection.js';
import { UnitResolutionStatus } from '../units/unit-at.js';

export enum OfficeKind {
  PEOPLES_COMMITTEE = 'PEOPLES_COMMITTEE',
  DEPARTMENT = 'DEPARTMENT',
  COMMUNE_OFFICE = 'COMMUNE_OFFICE',
  SERVICE_CENTRE = 'SERVICE_CENTRE',
  BRANCH = 'BRANCH',
  LEGACY_DISTRICT = 'LEGACY_DISTRICT',
  OTHER = 'OTHER',
}
registerEnumType(OfficeKind, {
  name: 'OfficeKind',
  description: 'Kind of office (loại cơ quan, đơn vị).',
  valuesConfig: {
    PEOPLES_COMMITTEE: { description: "People's Committee of a province or commune (Ủy ban nhân dân)." },
    DEPARTMENT: { description: 'Provincial department (sở).' },
    COMMUNE_OFFICE: { description: 'Commune specialist office (phòng chuyên môn cấp xã).' },
    SERVICE_CENTRE: {
      description: 'Public administrative service centre (Trung tâm phục vụ hành chính công).',
    },
    BRANCH: { description: 'Sectoral branch (chi nhánh), e.g. a land-registry branch.' },
    LEGACY_DISTRICT: { description: 'An office of an abolished district (cấp huyện, before 2025-07-01).' },
    OTHER: { description: 'Any other office or a grouping node of the agency-id tree.' },
  },
});

@ObjectType('OfficeAlias', {
  description: "Another identifier of an office: the agency id's short form or a system's own id.",
})
export class OfficeAlias {
  @Field(() => String, {
    description: 'Which system uses it: AGENCY (long agency id), AGENCY_SHORT, onestop, igate, lgsp…',
  })
  system!: string;

  @Field(() => String, { description: 'The identifier as that system writes it.' })
  alias!: string;
}

@ObjectType('Office', {
  description:
    'An office (cơ quan, đơn vị): People’s Committee, department, commune office, service centre or branch, keyed by its electronic agency identifier (mã định danh).',
})
export class Office {
  @Field(() => ID, {
    description:
      'Office id: the long agency id (`000.00.14.H56`), or `<system>:<id>` when no agency id is known.',
  })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Electronic agency identifier, long form (mã định danh).',
  })
  agencyId!: string | null;

  @Field(() => String, { nullable: true, description: 'Name (tên cơ quan).' })
  name!: string | null;

  @Field(() => OfficeKind, { description: 'Kind of office.' })
  kind!: OfficeKind;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the parent office (cơ quan cấp trên), as reported.',
  })
  parentId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The unit code the sources report for it (may be old).',
  })
  unitReportedCode!: string | null;

  @Field(() => UnitResolutionStatus, {
    nullable: true,
    description: 'How the reported unit resolved to the current one.',
  })
  unitStatus!: UnitResolutionStatus | null;

  @Field(() => String, { nullable: true, description: 'Current province code of the office.' })
  provinceCode!: string | null;

  @Field(() => Boolean, { description: 'True when the office is closed (ngừng hoạt động).' })
  closed!: boolean;

  @Field(() => String, { nullable: true, description: 'Postal address (public contact).' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Official e-mail address (public contact).' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Official phone number (public contact).' })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Date of the decision establishing or changing it (yyyy-MM-dd).',
  })
  decisionDate!: string | null;

  /** The current unit code (commune or province); shown through `unit`. */
  unitCode!: string | null;

  static from(row: Selectable<OfficesTable>): Office {
    const o = new Office();
    o.id = row.id;
    o.agencyId = row.agency_id;
    o.name = row.name;
    o.kind = row.kind as OfficeKind;
    o.parentId = row.parent_id;
    o.unitReportedCode = row.unit_reported_code;
    o.unitStatus = row.unit_status as UnitResolutionStatus | null;
    o.provinceCode = row.province_code;
    o.closed = Number(row.closed) === 1;
    o.address = row.address;
    o.email = row.email;
    o.phone = row.phone;
    o.decisionDate = row.decision_date;
    o.unitCode = row.unit_code;
    return o;
  }
}

@ObjectType('OfficeConnection', { description: 'A page of offices, by id.' })
export class OfficeConnection extends Connection(Office, 'Office', 'office') {}
