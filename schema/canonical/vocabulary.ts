import { z } from 'zod';

/** The national 1–10 dossier status vocabulary (SOURCES.md "Shared vocabularies"). */
export const DossierStatus = z.enum([
  'SUBMITTED',
  'ACCEPTED',
  'REFUSED',
  'PROCESSING',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_PAYMENT',
  'WITHDRAWN',
  'STOPPED',
  'RESOLVED',
  'RETURNED',
]);
export type DossierStatus = z.infer<typeof DossierStatus>;

/** `TrangThaiHoSo` "1"–"10" → canonical, in the national order. */
export const NATIONAL_STATUS: Record<string, DossierStatus> = {
  '1': 'SUBMITTED',
  '2': 'ACCEPTED',
  '3': 'REFUSED',
  '4': 'PROCESSING',
  '5': 'SUPPLEMENT_REQUESTED',
  '6': 'AWAITING_PAYMENT',
  '7': 'WITHDRAWN',
  '8': 'STOPPED',
  '9': 'RESOLVED',
  '10': 'RETURNED',
};

export const Channel = z.enum(['IN_PERSON', 'ONLINE', 'POSTAL']);
export type Channel = z.infer<typeof Channel>;

/** `KenhThucHien` 1–3. */
export const NATIONAL_CHANNEL: Record<string, Channel> = { '1': 'IN_PERSON', '2': 'ONLINE', '3': 'POSTAL' };

export const ApplicantType = z.enum(['CITIZEN', 'BUSINESS', 'STATE_AGENCY', 'OTHER_ORGANISATION']);
export type ApplicantType = z.infer<typeof ApplicantType>;

export const DurationUnit = z.enum(['WORKING_DAYS', 'CALENDAR_DAYS', 'WORKING_HOURS']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** `LoaiThoiGian`: Ngày làm việc, Ngày, Giờ. */
export const DURATION_UNIT_TEXT: Record<string, DurationUnit> = {
  'Ngày làm việc': 'WORKING_DAYS',
  Ngày: 'CALENDAR_DAYS',
  Giờ: 'WORKING_HOURS',
};

export const ProcedureLevel = z.enum(['INFORMATION', 'PARTIAL_ONLINE', 'FULL_ONLINE']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

export const OfficeKind = z.enum([
  'PEOPLES_COMMITTEE',
  'DEPARTMENT',
  'COMMUNE_OFFICE',
  'SERVICE_CENTRE',
  'BRANCH',
  'LEGACY_DISTRICT',
  'OTHER',
]);
export type OfficeKind = z.infer<typeof OfficeKind>;

/** Sector vocabulary for staff (SOURCES.md "cadre"). */
export const Sector = z.enum([
  'LAND',
  'CONSTRUCTION',
  'PLANNING',
  'FINANCE',
  'INVESTMENT',
  'ECONOMY',
  'IT',
  'JUSTICE',
  'HEALTH',
  'EDUCATION',
  'CULTURE_SOCIAL',
  'LABOUR',
  'ENVIRONMENT',
  'AGRICULTURE',
  'INTERNAL_AFFAIRS',
  'OTHER',
]);
export type Sector = z.infer<typeof Sector>;

export const StaffCategory = z.enum(['CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'CONTRACT']);
export const StaffStatus = z.enum(['ACTIVE', 'RETIRED', 'RESIGNED_DECREE_178', 'TRANSFERRED']);
export const QualificationLevel = z.enum(['INTERMEDIATE', 'COLLEGE', 'BACHELOR', 'MASTER', 'DOCTOR']);
export const Gender = z.enum(['MALE', 'FEMALE']);
