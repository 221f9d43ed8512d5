import type { z } from 'zod';
import type {
  Gender,
  QualificationLevel,
  StaffCategory,
  StaffStatus,
} from '../../schema/canonical/vocabulary.js';

/**
 * The closed vocabularies of a staff list (SOURCES.md "cadre"). Keys are compared after NFC, trim
 * and lower case (SOURCES.md "What quarantines a record": text compared after NFC and trim; case
 * is not a meaning in these cells — "Công Chức" is "Công chức").
 */
export function vocabularyKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function table<T>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries).map(([k, v]) => [vocabularyKey(k), v]));
}

/** `Loại cán bộ`: unknown → quarantine. */
export const CATEGORY = table<z.infer<typeof StaffCategory>>({
  'Cán bộ': 'CADRE',
  'Công chức': 'CIVIL_SERVANT',
  'Viên chức': 'PUBLIC_EMPLOYEE',
  'Hợp đồng lao động': 'CONTRACT',
});

/** `Trạng thái`: unknown → quarantine. Decree 178/2024/NĐ-CP is the 2025 streamlining severance. */
export const STATUS = table<z.infer<typeof StaffStatus>>({
  'Đang công tác': 'ACTIVE',
  'Nghỉ hưu': 'RETIRED',
  'Nghỉ theo Nghị định 178': 'RESIGNED_DECREE_178',
  'Chuyển công tác': 'TRANSFERRED',
});

/** `Trình độ chuyên môn`: not a quarantining vocabulary (SOURCES.md lists only category, status, gender). */
export const QUALIFICATION = table<z.infer<typeof QualificationLevel>>({
  'Trung cấp': 'INTERMEDIATE',
  'Cao đẳng': 'COLLEGE',
  'Đại học': 'BACHELOR',
  'Thạc sĩ': 'MASTER',
  'Thạc sỹ': 'MASTER', // both spellings of sĩ/sỹ are in everyday use
  'Tiến sĩ': 'DOCTOR',
  'Tiến sỹ': 'DOCTOR',
});

/** `Giới tính`: `Nam`/`Nữ` or the codes 1/2; unknown → quarantine. */
export const GENDER = table<z.infer<typeof Gender>>({
  Nam: 'MALE',
  Nữ: 'FEMALE',
  '1': 'MALE',
  '2': 'FEMALE',
});
