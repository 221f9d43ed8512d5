import { agencyPrefixOf } from '../../schema/canonical/identifiers.js';
import type { DossierCandidate } from '../../schema/canonical/records.js';
import { NATIONAL_CHANNEL, NATIONAL_STATUS } from '../../schema/canonical/vocabulary.js';
import { withoutPlaceholder } from '../shared/text.js';
import {
  closedCode,
  compactLocalDate,
  compactLocalTime,
  flag,
  type Issues,
  issue,
  notBefore,
  prose,
  required,
  text,
} from '../shared/values.js';

/** `LoaiDoiTuong` "1"–"4" (SOURCES.md "Shared vocabularies"). */
const APPLICANT_CODE = {
  '1': 'CITIZEN',
  '2': 'BUSINESS',
  '3': 'STATE_AGENCY',
  '4': 'OTHER_ORGANISATION',
} as const;

const STATUS_EXPECTED = 'a national status code "1"–"10" (TrangThaiHoSo)';
const CHANNEL_EXPECTED = 'a channel code "1" in person, "2" online, "3" postal';
const APPLICANT_EXPECTED = 'an applicant type code "1"–"4"';

/** `DinhDanhCHS` `LoaiDinhDanh`: "1" CCCD (12-digit citizen ID), "2" CMND (legacy 9-digit). */
const CCCD = '1';

/**
 * Maps one `DongBoHoSoMC` dossier (SOURCES.md dvcqg) to a DossierCandidate, pushing every issue.
 * Returns null only when the dossier has no number (it cannot be keyed, so there is nothing to map).
 */
export function mapDossier(d: Record<string, unknown>, issues: Issues): DossierCandidate | null {
  const number = required(text(d.MaHoSo, 'MaHoSo', issues), 'MaHoSo', issues);
  const procedureCode = required(text(d.MaTTHC, 'MaTTHC', issues), 'MaTTHC', issues);

  const rawReceived = text(d.NgayTiepNhan, 'NgayTiepNhan', issues);
  required(rawReceived, 'NgayTiepNhan', issues);
  const receivedAt = compactLocalTime(rawReceived, 'NgayTiepNhan', issues);

  const rawStatus = required(text(d.TrangThaiHoSo, 'TrangThaiHoSo', issues), 'TrangThaiHoSo', issues);
  const status = closedCode(rawStatus, NATIONAL_STATUS, 'TrangThaiHoSo', STATUS_EXPECTED, issues);

  const rawChannel = required(text(d.KenhThucHien, 'KenhThucHien', issues), 'KenhThucHien', issues);
  const channel = closedCode(rawChannel, NATIONAL_CHANNEL, 'KenhThucHien', CHANNEL_EXPECTED, issues);

  const applicantType = closedCode(
    text(d.LoaiDoiTuong, 'LoaiDoiTuong', issues),
    APPLICANT_CODE,
    'LoaiDoiTuong',
    APPLICANT_EXPECTED,
    issues,
  );

  const submittedAt = compactLocalTime(text(d.NgayNopHoSo, 'NgayNopHoSo', issues), 'NgayNopHoSo', issues);
  const dueAt = compactLocalTime(text(d.NgayHenTra, 'NgayHenTra', issues), 'NgayHenTra', issues);
  const rawResolved = text(d.NgayKetThucXuLy, 'NgayKetThucXuLy', issues);
  const resolvedAt = compactLocalTime(rawResolved, 'NgayKetThucXuLy', issues);
  const returnedAt = compactLocalTime(text(d.NgayTra, 'NgayTra', issues), 'NgayTra', issues);
  const refusedAt = compactLocalTime(text(d.NgayTuChoi, 'NgayTuChoi', issues), 'NgayTuChoi', issues);
  // Resolved before received quarantines (SOURCES.md "What quarantines a record").
  notBefore(resolvedAt, receivedAt, 'NgayKetThucXuLy', 'NgayTiepNhan', rawResolved, issues);

  const supplements = mapSupplements(d.DanhSachHoSoBoSung, issues);
  const digitised = flag(
    text(d.HoSoCoThanhPhanSoHoa, 'HoSoCoThanhPhanSoHoa', issues),
    'HoSoCoThanhPhanSoHoa',
    issues,
  );
  const paidOnline = flag(
    text(d.DuocThanhToanTrucTuyen, 'DuocThanhToanTrucTuyen', issues),
    'DuocThanhToanTrucTuyen',
    issues,
  );
  const applicantIdNumber = idNumberOf(d, issues);
  const applicantName = prose(d.ChuHoSo, 'ChuHoSo', issues);
  const summary = withoutPlaceholder('summary', prose(d.TrichYeuHoSo, 'TrichYeuHoSo', issues));
  const procedureName = prose(d.TenTTHC, 'TenTTHC', issues);
  const sectorCode = text(d.MaLinhVuc, 'MaLinhVuc', issues);
  const sectorName = prose(d.TenLinhVuc, 'TenLinhVuc', issues);
  const handlingOfficeName = prose(d.DonViXuLy, 'DonViXuLy', issues);

  if (number === null) return null;
  // The number's prefix names the receiving office (SOURCES.md "Agency identifiers"); the envelope's
  // `madonvi` is the unit that pushed the payload (usually the province), not the receiver.
  const prefix = agencyPrefixOf(number);
  return {
    number,
    aliases: [],
    procedureCode,
    procedureName,
    sectorCode,
    sectorName,
    procedureLevel: null,
    // The portal carries no area: the receiving office decides the unit (SOURCES.md "Which unit").
    unitCode: null,
    unitDate: receivedAt === null ? null : compactLocalDate(rawReceived!),
    receivingOffice: prefix === null ? null : { ref: prefix, system: 'AGENCY' },
    handlingOfficeName,
    applicantType,
    applicantName,
    applicantIdNumber,
    summary,
    channel,
    status,
    rawStatus,
    // Some provinces push 5, 6 and 8 as 9 (SOURCES.md dvcqg quirks): the portal's 9 is weak evidence.
    statusWeak: rawStatus === '9',
    submittedAt,
    receivedAt,
    dueAt,
    resolvedAt,
    returnedAt,
    refusedAt,
    withdrawnAt: null,
    duration: null,
    supplements,
    digitised,
    paidOnline,
    syncedToPortal: null,
    updatedAt: null,
    module: null,
  };
}

/**
 * The applicant's ID number: a CCCD from `DinhDanhCHS` when there is one, else `SoGiayToChuHoSo`,
 * else a CMND from `DinhDanhCHS`. The placeholder `000000001` means unknown (SOURCES.md "Common rules").
 */
function idNumberOf(d: Record<string, unknown>, issues: Issues): string | null {
  let cccd: string | null = null;
  let other: string | null = null;
  const list = d.DinhDanhCHS;
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as Record<string, unknown> | null;
      if (entry === null || typeof entry !== 'object') {
        issue(issues, 'UNPARSABLE', `DinhDanhCHS[${i}]`, 'an object {LoaiDinhDanh, SoDinhDanh}', entry);
        continue;
      }
      const value = withoutPlaceholder(
        'idNumber',
        text(entry.SoDinhDanh, `DinhDanhCHS[${i}].SoDinhDanh`, issues),
      );
      if (value === null) continue;
      if (text(entry.LoaiDinhDanh, `DinhDanhCHS[${i}].LoaiDinhDanh`, issues) === CCCD) cccd ??= value;
      else other ??= value;
    }
  } else if (list !== undefined && list !== null && list !== '') {
    issue(issues, 'UNPARSABLE', 'DinhDanhCHS', 'an array of {LoaiDinhDanh, SoDinhDanh}', list);
  }
  const declared = withoutPlaceholder('idNumber', text(d.SoGiayToChuHoSo, 'SoGiayToChuHoSo', issues));
  return cccd ?? declared ?? other;
}

/** `DanhSachHoSoBoSung`: one SupplementRound per entry, in the source's order. */
function mapSupplements(list: unknown, issues: Issues): DossierCandidate['supplements'] {
  if (list === undefined || list === null || list === '') return [];
  if (!Array.isArray(list)) {
    issue(issues, 'UNPARSABLE', 'DanhSachHoSoBoSung', 'an array of supplement rounds', list);
    return [];
  }
  const rounds: DossierCandidate['supplements'] = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as Record<string, unknown> | null;
    const at = `DanhSachHoSoBoSung[${i}]`;
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      issue(issues, 'UNPARSABLE', at, 'a supplement round object', s);
      continue;
    }
    const rawRequested = text(s.NgayBoSung, `${at}.NgayBoSung`, issues);
    required(rawRequested, `${at}.NgayBoSung`, issues);
    const requestedAt = compactLocalTime(rawRequested, `${at}.NgayBoSung`, issues);
    const rawBack = text(s.NgayTiepNhanBoSung, `${at}.NgayTiepNhanBoSung`, issues);
    const receivedBackAt = compactLocalTime(rawBack, `${at}.NgayTiepNhanBoSung`, issues);
    const previousDueAt = compactLocalTime(
      text(s.NgayHenTraTruoc, `${at}.NgayHenTraTruoc`, issues),
      `${at}.NgayHenTraTruoc`,
      issues,
    );
    const newDueAt = compactLocalTime(
      text(s.NgayHenTraMoi, `${at}.NgayHenTraMoi`, issues),
      `${at}.NgayHenTraMoi`,
      issues,
    );
    // Not in the quarantine list of SOURCES.md, so an inverted pause is flagged, not quarantined.
    notBefore(
      receivedBackAt,
      requestedAt,
      `${at}.NgayTiepNhanBoSung`,
      `${at}.NgayBoSung`,
      rawBack,
      issues,
      'warning',
    );
    if (requestedAt !== null) rounds.push({ requestedAt, receivedBackAt, previousDueAt, newDueAt });
  }
  return rounds;
}
