import type { Selectable } from 'kysely';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { AssignmentsTable, PersonsTable } from '../../../schema/tables.js';
import { Connection } from '../connection.js';
import { Gender, QualificationLevel, StaffCategory, StaffSector, StaffStatus } from './staff-enums.js';

@ObjectType('AssignmentSector', {
  description: 'A sector an assignment covers, with the text the source wrote.',
})
export class AssignmentSector {
  @Field(() => StaffSector, { description: 'The sector.' })
  sector!: StaffSector;

  @Field(() => String, { description: 'As the source wrote it (e.g. "Tư pháp").' })
  raw!: string;
}

@ObjectType('Qualification', { description: 'A qualification (trình độ chuyên môn) and its specialty.' })
export class Qualification {
  @Field(() => QualificationLevel, { description: 'The level.' })
  level!: QualificationLevel;

  @Field(() => String, { description: 'The training specialty (chuyên ngành); empty when not given.' })
  specialty!: string;
}

@ObjectType('Assignment', {
  description:
    'A post a staff member holds (vị trí công tác): office, position, category, sectors, secondment.',
})
export class Assignment {
  @Field(() => ID, { description: 'Assignment id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The office as reported (agency id, long or short).' })
  officeRef!: string | null;

  @Field(() => String, { nullable: true, description: 'The office name as reported.' })
  officeName!: string | null;

  @Field(() => String, { nullable: true, description: 'Current province code of the post.' })
  provinceCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Position (chức vụ).' })
  position!: string | null;

  @Field(() => StaffCategory, { nullable: true, description: 'Category (loại cán bộ).' })
  category!: StaffCategory | null;

  @Field(() => String, { nullable: true, description: 'Civil-service grade code (mã ngạch), e.g. 01.003.' })
  grade!: string | null;

  @Field(() => Float, { nullable: true, description: 'Salary coefficient (hệ số lương).' })
  salaryCoefficient!: number | null;

  @Field(() => String, { nullable: true, description: 'Service start (ngày vào cơ quan), yyyy-MM-dd.' })
  serviceStart!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The office seconded from (biệt phái), as reported; see `secondedFrom`.',
  })
  secondedFromRef!: string | null;

  @Field(() => StaffStatus, { description: 'Status (tình trạng).' })
  status!: StaffStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the unit the person served in before the 2025 reorganisation (đơn vị cũ).',
  })
  formerUnitName!: string | null;

  @Field(() => String, { nullable: true, description: 'First day of the assignment, when known.' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the assignment, when known.' })
  validTo!: string | null;

  officeId!: string | null;
  unitCode!: string | null;
  secondedFromId!: string | null;

  static from(row: Selectable<AssignmentsTable>): Assignment {
    const a = new Assignment();
    a.id = row.id;
    a.officeRef = row.office_ref;
    a.officeName = row.office_name;
    a.provinceCode = row.province_code;
    a.position = row.position;
    a.category = row.category as StaffCategory | null;
    a.grade = row.grade_code;
    a.salaryCoefficient = row.salary_coefficient === null ? null : Number(row.salary_coefficient);
    a.serviceStart = row.service_start;
    a.secondedFromRef = row.seconded_from_ref;
    a.status = row.status as StaffStatus;
    a.formerUnitName = row.former_unit_name;
    a.validFrom = row.valid_from;
    a.validTo = row.valid_to;
    a.officeId = row.office_id;
    a.unitCode = row.unit_code;
    a.secondedFromId = row.seconded_from_id;
    return a;
  }
}

@ObjectType('StaffMember', {
  description:
    'A person on the staff (cán bộ, công chức, viên chức), merged across sources by national ID, else by name and birth date.',
})
export class StaffMember {
  @Field(() => ID, { description: 'Person id.' })
  id!: string;

  @Field(() => String, { description: 'Full name (họ và tên).' })
  fullName!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender (giới tính).' })
  gender!: Gender | null;

  @Field(() => String, { nullable: true, description: 'Province code of the person’s posts.' })
  provinceCode!: string | null;

  nationalIdValue!: string | null;
  legacyIdValue!: string | null;
  birthDateValue!: string | null;

  static from(row: Selectable<PersonsTable>): StaffMember {
    const s = new StaffMember();
    s.id = row.id;
    s.fullName = row.full_name;
    s.gender = row.gender as Gender | null;
    s.provinceCode = row.province_code;
    s.nationalIdValue = row.national_id;
    s.legacyIdValue = row.legacy_id;
    s.birthDateValue = row.birth_date;
    return s;
  }
}

@ObjectType('StaffMemberConnection', { description: 'A page of staff members, by id.' })
export class StaffMemberConnection extends Connection(StaffMember, 'StaffMember', 'staff member') {}
