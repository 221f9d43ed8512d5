import { z } from 'zod';
import {
  ApplicantType,
  Channel,
  DossierStatus,
  DurationUnit,
  Gender,
  OfficeKind,
  ProcedureLevel,
  QualificationLevel,
  Sector,
  StaffCategory,
  StaffStatus,
} from './vocabulary.js';

/**
 * The canonical candidate records: the contract between connectors (which produce them) and the
 * sync engine (which validates, resolves, merges and stores them). DESIGN.md §1, §2.
 *
 * Conventions: instants are ISO-8601 UTC strings with milliseconds (`2025-07-03T01:22:11.000Z`);
 * a source time without a zone is Vietnam local time (UTC+7) and the connector converts it.
 * Local calendar dates are `yyyy-MM-dd`. Codes are strings. Text is NFC and trimmed. `null` means
 * the source has no value (empty, `NULL`, a placeholder such as national ID `000000001`).
 */
const instant = z.iso.datetime({ offset: false, precision: 3 });
const localDate = z.iso.date();
const text = z.string().min(1);

/** A number the same dossier is also known by (MaHoSoKhac, iGate code, hotich maHoSoLT…). */
export const DossierAlias = z.object({ number: text, system: text });

/** A supplement round (DanhSachHoSoBoSung, or the one-stop NgayYeuCauBoSung/NgayCongDanBoSung pair). */
export const SupplementRound = z.object({
  requestedAt: instant, // NgayBoSung
  receivedBackAt: instant.nullable(), // NgayTiepNhanBoSung; null = still open
  previousDueAt: instant.nullable(), // NgayHenTraTruoc
  newDueAt: instant.nullable(), // NgayHenTraMoi; null = the due moves by the pause
});

export const DossierCandidate = z.object({
  number: text, // as reported; the engine normalises the agency prefix
  aliases: z.array(DossierAlias),
  procedureCode: text.nullable(), // national or local form, as reported
  procedureName: text.nullable(),
  sectorCode: text.nullable(),
  sectorName: text.nullable(),
  /** Full-process-online flag when the source states it on the dossier (iGate procedureLevel). */
  procedureLevel: ProcedureLevel.nullable(),
  /** The reported unit: the area code (XaPhuongDiaBan), else null and the office decides. */
  unitCode: text.nullable(),
  /** The local date the unit code is dated by (SOURCES.md "A code is dated by its record"). */
  unitDate: localDate.nullable(),
  /** The receiving office as the source names it: agency id (long/short) or a system id. */
  receivingOffice: z.object({ ref: text, system: text }).nullable(),
  handlingOfficeName: text.nullable(),
  applicantType: ApplicantType.nullable(),
  applicantName: text.nullable(), // PII
  applicantIdNumber: text.nullable(), // PII
  summary: text.nullable(),
  channel: Channel.nullable(),
  status: DossierStatus.nullable(), // null: the record gives no status of its own (hotich 0)
  rawStatus: text.nullable(),
  /** True when the status is weak evidence (the portal's 9 may hide 5, 6 or 8: SOURCES.md dvcqg quirks). */
  statusWeak: z.boolean(),
  submittedAt: instant.nullable(),
  receivedAt: instant.nullable(),
  dueAt: instant.nullable(), // the original appointment (NgayHenTra)
  resolvedAt: instant.nullable(),
  returnedAt: instant.nullable(),
  refusedAt: instant.nullable(),
  withdrawnAt: instant.nullable(),
  /** The dossier's own statutory duration, when it carries one (ThoiGianThucHien + unit). */
  duration: z.object({ value: z.number().nonnegative(), unit: DurationUnit }).nullable(),
  supplements: z.array(SupplementRound),
  digitised: z.boolean().nullable(),
  paidOnline: z.boolean().nullable(),
  syncedToPortal: z.boolean().nullable(),
  /** The source's own last-update time: among duplicates in one source the latest speaks. */
  updatedAt: instant.nullable(),
  /** Civil-status module (hotich KS/KT/KH), else null. */
  module: text.nullable(),
});
export type DossierCandidate = z.infer<typeof DossierCandidate>;

export const DossierEventCandidate = z.object({
  dossierNumber: text,
  at: instant,
  status: DossierStatus.nullable(),
  rawStatus: text.nullable(),
  actor: text.nullable(),
  position: text.nullable(),
  department: text.nullable(),
  content: text.nullable(),
  /** hotich trangThai 0: an error event that changes no status. */
  error: z.boolean(),
});
export type DossierEventCandidate = z.infer<typeof DossierEventCandidate>;

export const OfficeCandidate = z.object({
  agencyId: text.nullable(), // long or short form, as reported
  systemIds: z.array(z.object({ system: text, id: text })),
  name: text.nullable(),
  kind: OfficeKind,
  parentRef: z.object({ ref: text, system: text }).nullable(),
  unitCode: text.nullable(),
  unitDate: localDate.nullable(), // null: a current catalogue (Groups.csv)
  provinceCode: text.nullable(),
  address: text.nullable(),
  email: text.nullable(),
  phone: text.nullable(),
  decisionDate: localDate.nullable(),
  closed: z.boolean(),
});
export type OfficeCandidate = z.infer<typeof OfficeCandidate>;

export const ProcedureCandidate = z.object({
  code: text, // national or local form
  name: text.nullable(),
  sectorCode: text.nullable(),
  sectorName: text.nullable(),
  level: ProcedureLevel.nullable(),
  authorityLevel: z.enum(['PROVINCE', 'COMMUNE']).nullable(),
  duration: z.number().nonnegative().nullable(),
  durationUnit: DurationUnit.nullable(),
  onlineDuration: z.number().nonnegative().nullable(),
});
export type ProcedureCandidate = z.infer<typeof ProcedureCandidate>;

export const HolidayCandidate = z.object({ date: localDate, description: text.nullable() });
export type HolidayCandidate = z.infer<typeof HolidayCandidate>;

/** One row of a staff list: a person and one assignment. */
export const StaffCandidate = z.object({
  nationalId: z
    .string()
    .regex(/^\d{12}$/)
    .nullable(), // CCCD, PII
  legacyId: z
    .string()
    .regex(/^\d{9}$/)
    .nullable(), // CMND, PII
  fullName: text,
  birthDate: localDate.nullable(), // PII
  gender: Gender.nullable(),
  officeRef: text.nullable(), // agency id, long or short
  officeName: text.nullable(),
  position: text.nullable(),
  category: StaffCategory.nullable(),
  gradeCode: z
    .string()
    .regex(/^\d{2}\.\d{3}$/)
    .nullable(),
  salaryCoefficient: z.number().nonnegative().nullable(),
  serviceStart: localDate.nullable(),
  sectors: z.array(z.object({ sector: Sector, raw: text })),
  qualification: z.object({ level: QualificationLevel, specialty: z.string() }).nullable(),
  secondedFromRef: text.nullable(),
  status: StaffStatus,
  formerUnitName: text.nullable(),
});
export type StaffCandidate = z.infer<typeof StaffCandidate>;

/** What a record carries, by type. */
export const RECORD_SCHEMAS = {
  dossier: DossierCandidate,
  dossierEvent: DossierEventCandidate,
  office: OfficeCandidate,
  procedure: ProcedureCandidate,
  holiday: HolidayCandidate,
  staff: StaffCandidate,
} as const;
export type RecordType = keyof typeof RECORD_SCHEMAS;
export type RecordData = { [K in RecordType]: z.infer<(typeof RECORD_SCHEMAS)[K]> };
