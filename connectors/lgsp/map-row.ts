import { agencyIdToLong } from '../../schema/canonical/identifiers.js';
import type { OfficeCandidate } from '../../schema/canonical/records.js';
import type { OfficeKind } from '../../schema/canonical/vocabulary.js';
import { closedCode, type Issues, issue, prose, text } from '../shared/values.js';
import { vnLocalDate } from '../shared/vn-time.js';

/** `LoaiDonVi` (SOURCES.md "lgsp"); unknown → quarantine (SOURCES.md "What quarantines a record"). */
const KIND: Record<string, OfficeKind> = {
  UBND: 'PEOPLES_COMMITTEE',
  SO: 'DEPARTMENT',
  PHONG: 'COMMUNE_OFFICE',
  TTPVHCC: 'SERVICE_CENTRE',
  CHINHANH: 'BRANCH',
  KHAC: 'OTHER',
};

/** `TrangThai`: "1" active, "0" closed; unknown → quarantine. */
const CLOSED: Record<string, boolean> = { '1': false, '0': true };

/** The `/dmdc` properties this mapping reads; other properties are kept in `raw` only. */
const NGAY_BAN_HANH = 'NgayBanHanhQd';

export interface MappedOffice {
  sourceKey: string | null;
  data: OfficeCandidate | null;
}

/**
 * One `/dmdc` row → an office. The source key is `MaDinhDanh` in long form (a registry that writes
 * `H56.14` in one row and `000.00.14.H56` in another names one office); `agencyId` keeps the text as
 * reported. `dateTimeProperties` are the metadata's `DateTime` properties: each must be `dd/MM/yyyy`
 * (SOURCES.md: "every DateTime property is that string form").
 */
export function mapOfficeRow(
  row: Record<string, unknown>,
  dateTimeProperties: ReadonlySet<string>,
  provinceCode: string | null,
  issues: Issues,
): MappedOffice {
  const agencyId = text(row.MaDinhDanh, 'MaDinhDanh', issues);
  let sourceKey: string | null = null;
  if (agencyId === null) {
    issue(issues, 'MISSING', 'MaDinhDanh', 'an agency id (the key)', row.MaDinhDanh);
  } else {
    sourceKey = agencyIdToLong(agencyId);
    if (sourceKey === null) {
      issue(issues, 'UNPARSABLE', 'MaDinhDanh', 'an agency id NNN.NN.NN.XNN or Xnn.NN', agencyId);
    }
  }

  const parent = text(row.MaDinhDanhCapTren, 'MaDinhDanhCapTren', issues);
  const rawKind = text(row.LoaiDonVi, 'LoaiDonVi', issues);
  let kind = closedCode(
    rawKind,
    KIND,
    'LoaiDonVi',
    'one of UBND, SO, PHONG, TTPVHCC, CHINHANH, KHAC',
    issues,
  );
  if (rawKind === null) {
    issue(issues, 'MISSING', 'LoaiDonVi', 'an office type (read as KHAC)', row.LoaiDonVi, 'warning');
    kind = 'OTHER';
  }
  const rawStatus = text(row.TrangThai, 'TrangThai', issues);
  const closed = closedCode(rawStatus, CLOSED, 'TrangThai', '"1" active or "0" closed', issues);
  const unitCode = text(row.MaDVHC, 'MaDVHC', issues);
  const decisionDate = vnLocalDate(text(row[NGAY_BAN_HANH], NGAY_BAN_HANH, issues), NGAY_BAN_HANH, issues);
  for (const property of dateTimeProperties) {
    if (property !== NGAY_BAN_HANH) vnLocalDate(text(row[property], property, issues), property, issues);
  }

  // An unknown LoaiDonVi or TrangThai quarantines the row (its issue says so); the candidate still
  // carries what was read, with kind OTHER and closed false, so a steward sees the rest of it.
  if (agencyId === null) return { sourceKey, data: null };
  return {
    sourceKey,
    data: {
      agencyId,
      systemIds: [{ system: 'lgsp', id: agencyId }],
      name: prose(row.TenDonVi, 'TenDonVi', issues),
      kind: kind ?? 'OTHER',
      parentRef: parent === null ? null : { ref: parent, system: 'AGENCY' },
      unitCode,
      // SOURCES.md "A code is dated by its record": lgsp by NgayBanHanhQd.
      unitDate: unitCode === null ? null : decisionDate,
      provinceCode: unitCode !== null && /^\d{2}$/.test(unitCode) ? unitCode : provinceCode,
      address: prose(row.DiaChi, 'DiaChi', issues),
      email: text(row.Email, 'Email', issues),
      phone: text(row.SoDienThoai, 'SoDienThoai', issues),
      decisionDate,
      closed: closed ?? false,
    },
  };
}
