import { registerEnumType } from 'type-graphql';

/** Staff vocabularies (SOURCES.md "cadre"; schema/canonical/vocabulary.ts). */
export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as the cadre database records it (giới tính).',
  valuesConfig: { MALE: { description: 'Nam.' }, FEMALE: { description: 'Nữ.' } },
});

export enum StaffCategory {
  CADRE = 'CADRE',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  PUBLIC_EMPLOYEE = 'PUBLIC_EMPLOYEE',
  CONTRACT = 'CONTRACT',
}
registerEnumType(StaffCategory, {
  name: 'StaffCategory',
  description: 'Staff category (loại cán bộ).',
  valuesConfig: {
    CADRE: { description: 'Cadre (cán bộ): elected or appointed to a term.' },
    CIVIL_SERVANT: { description: 'Civil servant (công chức).' },
    PUBLIC_EMPLOYEE: { description: 'Public employee (viên chức).' },
    CONTRACT: { description: 'Contract worker (lao động hợp đồng).' },
  },
});

export enum StaffStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
  RESIGNED_DECREE_178 = 'RESIGNED_DECREE_178',
  TRANSFERRED = 'TRANSFERRED',
}
registerEnumType(StaffStatus, {
  name: 'StaffStatus',
  description: 'Status of an assignment (tình trạng).',
  valuesConfig: {
    ACTIVE: { description: 'Serving (đang công tác).' },
    RETIRED: { description: 'Retired (nghỉ hưu).' },
    RESIGNED_DECREE_178: { description: 'Left under Decree 178/2024 (nghỉ theo Nghị định 178).' },
    TRANSFERRED: { description: 'Transferred elsewhere (chuyển công tác).' },
  },
});

export enum StaffSector {
  LAND = 'LAND',
  CONSTRUCTION = 'CONSTRUCTION',
  PLANNING = 'PLANNING',
  FINANCE = 'FINANCE',
  INVESTMENT = 'INVESTMENT',
  ECONOMY = 'ECONOMY',
  IT = 'IT',
  JUSTICE = 'JUSTICE',
  HEALTH = 'HEALTH',
  EDUCATION = 'EDUCATION',
  CULTURE_SOCIAL = 'CULTURE_SOCIAL',
  LABOUR = 'LABOUR',
  ENVIRONMENT = 'ENVIRONMENT',
  AGRICULTURE = 'AGRICULTURE',
  INTERNAL_AFFAIRS = 'INTERNAL_AFFAIRS',
  OTHER = 'OTHER',
}
registerEnumType(StaffSector, {
  name: 'StaffSector',
  description: 'A sector a staff member handles (lĩnh vực phụ trách); several = kiêm nhiệm.',
  valuesConfig: {
    LAND: { description: 'Land (đất đai).' },
    CONSTRUCTION: { description: 'Construction (xây dựng).' },
    PLANNING: { description: 'Planning (quy hoạch).' },
    FINANCE: { description: 'Finance (tài chính).' },
    INVESTMENT: { description: 'Investment (đầu tư).' },
    ECONOMY: { description: 'Economy (kinh tế).' },
    IT: {
      description: 'Information technology, digital transformation (công nghệ thông tin, chuyển đổi số).',
    },
    JUSTICE: { description: 'Justice and civil status (tư pháp, hộ tịch).' },
    HEALTH: { description: 'Health (y tế).' },
    EDUCATION: { description: 'Education (giáo dục).' },
    CULTURE_SOCIAL: { description: 'Culture and social affairs (văn hóa, xã hội).' },
    LABOUR: { description: 'Labour, invalids and social affairs (lao động, thương binh).' },
    ENVIRONMENT: { description: 'Environment (môi trường).' },
    AGRICULTURE: { description: 'Agriculture (nông nghiệp).' },
    INTERNAL_AFFAIRS: { description: 'Internal affairs (nội vụ).' },
    OTHER: { description: 'Any other or unrecognised sector.' },
  },
});

export enum QualificationLevel {
  INTERMEDIATE = 'INTERMEDIATE',
  COLLEGE = 'COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTOR = 'DOCTOR',
}
registerEnumType(QualificationLevel, {
  name: 'QualificationLevel',
  description: 'Level of a qualification (trình độ chuyên môn).',
  valuesConfig: {
    INTERMEDIATE: { description: 'Intermediate (trung cấp).' },
    COLLEGE: { description: 'College (cao đẳng).' },
    BACHELOR: { description: 'Bachelor (đại học).' },
    MASTER: { description: 'Master (thạc sĩ).' },
    DOCTOR: { description: 'Doctor (tiến sĩ).' },
  },
});
