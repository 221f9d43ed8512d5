import type { DossierCandidate } from '../../schema/canonical/records.js';
import { DURATION_UNIT_TEXT, NATIONAL_CHANNEL, NATIONAL_STATUS } from '../../schema/canonical/vocabulary.js';
import { withoutPlaceholder } from '../shared/text.js';
import {
  closedCode,
  flag,
  type Issues,
  isoLocalTime,
  nonNegativeNumber,
  notBefore,
  prose,
  required,
  text,
} from '../shared/values.js';
import { DURATION_UNIT_EXPECTED } from './map-procedure.js';

/**
 * `LoaiDoiTuong` is text in the one-stop export (SOURCES.md onestop); compared after NFC and trim.
 * The national codes "1"–"4" are accepted too: the shared vocabulary gives both forms.
 */
const APPLICANT: Record<string, DossierCandidate['applicantType']> = {
  'Công dân': 'CITIZEN',
  'Doanh nghiệp': 'BUSINESS',
  'Tổ chức nhà nước': 'STATE_AGENCY',
  'Tổ chức khác': 'OTHER_ORGANISATION',
  '1': 'CITIZEN',
  '2': 'BUSINESS',
  '3': 'STATE_AGENCY',
  '4': 'OTHER_ORGANISATION',
};

/** Maps one `HoSos.csv` row to a DossierCandidate (SOURCES.md onestop); null when it has no MaHoSo. */
export function mapDossier(r: Record<string, string>, issues: Issues): DossierCandidate | null {
  const number = required(text(r.MaHoSo, 'MaHoSo', issues), 'MaHoSo', issues);
  const second = text(r.MaHoSoKhac, 'MaHoSoKhac', issues);
  const office = text(r.DonViId, 'DonViId', issues);
  const channel = closedCode(
    text(r.KenhThucHien, 'KenhThucHien', issues),
    NATIONAL_CHANNEL,
    'KenhThucHien',
    'a channel code "1" in person, "2" online, "3" postal',
    issues,
  );
  const applicantType = closedCode(
    text(r.LoaiDoiTuong, 'LoaiDoiTuong', issues),
    APPLICANT,
    'LoaiDoiTuong',
    'one of "Công dân", "Doanh nghiệp", "Tổ chức nhà nước", "Tổ chức khác"',
    issues,
  );
  const applicantName = prose(r.ChuHoSo, 'ChuHoSo', issues);
  const applicantIdNumber = withoutPlaceholder(
    'idNumber',
    text(r.SoGiayToChuHoSo, 'SoGiayToChuHoSo', issues),
  );
  const procedureCode = text(r.MaTTHC, 'MaTTHC', issues);
  const procedureName = prose(r.TenTTHC, 'TenTTHC', issues);
  const sectorCode = text(r.MaLinhVuc, 'MaLinhVuc', issues);
  const sectorName = prose(r.TenLinhVuc, 'TenLinhVuc', issues);

  const durationValue = nonNegativeNumber(
    text(r.ThoiGianThucHien, 'ThoiGianThucHien', issues),
    'ThoiGianThucHien',
    issues,
  );
  const durationUnit = closedCode(
    text(r.LoaiThoiGianThucHien, 'LoaiThoiGianThucHien', issues),
    DURATION_UNIT_TEXT,
    'LoaiThoiGianThucHien',
    DURATION_UNIT_EXPECTED,
    issues,
  );

  const rawSubmitted = text(r.NgayNopHoSo, 'NgayNopHoSo', issues);
  const submittedAt = isoLocalTime(rawSubmitted, 'NgayNopHoSo', issues);
  const rawReceived = text(r.NgayTiepNhan, 'NgayTiepNhan', issues);
  const receivedAt = isoLocalTime(rawReceived, 'NgayTiepNhan', issues);
  const dueAt = isoLocalTime(text(r.NgayHenTra, 'NgayHenTra', issues), 'NgayHenTra', issues);
  const rawResolved = text(r.NgayKetThucXuLy, 'NgayKetThucXuLy', issues);
  const resolvedAt = isoLocalTime(rawResolved, 'NgayKetThucXuLy', issues);
  const returnedAt = isoLocalTime(text(r.NgayTra, 'NgayTra', issues), 'NgayTra', issues);
  const refusedAt = isoLocalTime(text(r.NgayTuChoi, 'NgayTuChoi', issues), 'NgayTuChoi', issues);
  notBefore(resolvedAt, receivedAt, 'NgayKetThucXuLy', 'NgayTiepNhan', rawResolved, issues);

  const rawStatus = text(r.TrangThaiHoSoId, 'TrangThaiHoSoId', issues);
  const status = closedCode(
    rawStatus,
    NATIONAL_STATUS,
    'TrangThaiHoSoId',
    'a national status code "1"–"10"',
    issues,
  );

  // One supplement round per dossier: the request and the applicant's return; no new due date is
  // given, so the due moves by the pause (SOURCES.md "Times and durations").
  const rawRequested = text(r.NgayYeuCauBoSung, 'NgayYeuCauBoSung', issues);
  const requestedAt = isoLocalTime(rawRequested, 'NgayYeuCauBoSung', issues);
  const rawBack = text(r.NgayCongDanBoSung, 'NgayCongDanBoSung', issues);
  const receivedBackAt = isoLocalTime(rawBack, 'NgayCongDanBoSung', issues);
  if (rawBack !== null && rawRequested === null) {
    issues.push({
      field: 'NgayCongDanBoSung',
      expected: 'a supplement return only after a request (NgayYeuCauBoSung)',
      found: JSON.stringify(rawBack),
      severity: 'warning',
      code: 'MISSING',
    });
  }
  notBefore(receivedBackAt, requestedAt, 'NgayCongDanBoSung', 'NgayYeuCauBoSung', rawBack, issues, 'warning');

  const unitCode = text(r.XaPhuongDiaBan, 'XaPhuongDiaBan', issues);
  const syncedToPortal = flag(
    text(r.TrangThaiDongBoDVC, 'TrangThaiDongBoDVC', issues),
    'TrangThaiDongBoDVC',
    issues,
  );

  if (number === null) return null;
  // A code is dated by its record: NgayTiepNhan, else NgayNopHoSo (SOURCES.md "Which unit").
  // The local date is the text's own first ten characters (the times are local): no conversion back.
  const datedBy = receivedAt !== null ? rawReceived : submittedAt !== null ? rawSubmitted : null;
  return {
    number,
    aliases: second === null || second === number ? [] : [{ number: second, system: 'onestop-second' }],
    procedureCode,
    procedureName,
    sectorCode,
    sectorName,
    procedureLevel: null,
    unitCode,
    unitDate: datedBy === null ? null : datedBy.slice(0, 10),
    receivingOffice: office === null ? null : { ref: office, system: 'onestop' },
    handlingOfficeName: null,
    applicantType,
    applicantName,
    applicantIdNumber,
    summary: null,
    channel,
    status,
    rawStatus,
    // The one-stop system's own status is the strong evidence (SOURCES.md dvcqg quirks).
    statusWeak: false,
    submittedAt,
    receivedAt,
    dueAt,
    resolvedAt,
    returnedAt,
    refusedAt,
    withdrawnAt: null,
    duration:
      durationValue !== null && durationUnit !== null ? { value: durationValue, unit: durationUnit } : null,
    supplements:
      requestedAt === null ? [] : [{ requestedAt, receivedBackAt, previousDueAt: null, newDueAt: null }],
    digitised: null,
    paidOnline: null,
    syncedToPortal,
    updatedAt: null,
    module: null,
  };
}
