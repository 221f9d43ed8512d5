import type { ProcedureCandidate } from '../../schema/canonical/records.js';
import { DURATION_UNIT_TEXT, type ProcedureLevel } from '../../schema/canonical/vocabulary.js';
import { closedCode, type Issues, nonNegativeNumber, prose, required, text } from '../shared/values.js';

/** `MucDo` (SOURCES.md onestop, `ThuTucs.csv`): "2" information, "3" partly online, "4" full-process online. */
const LEVEL: Record<string, ProcedureLevel> = {
  '2': 'INFORMATION',
  '3': 'PARTIAL_ONLINE',
  '4': 'FULL_ONLINE',
};
const AUTHORITY: Record<string, 'PROVINCE' | 'COMMUNE'> = { 'Cấp Tỉnh': 'PROVINCE', 'Cấp Xã': 'COMMUNE' };
export const DURATION_UNIT_EXPECTED = 'one of "Ngày làm việc", "Ngày", "Giờ"';

/** Maps one `ThuTucs.csv` row to a ProcedureCandidate; the source key is `MaTTHC` (local form). */
export function mapProcedure(r: Record<string, string>, issues: Issues): ProcedureCandidate | null {
  const code = required(text(r.MaTTHC, 'MaTTHC', issues), 'MaTTHC', issues);
  const name = prose(r.TenTTHC, 'TenTTHC', issues);
  const sectorCode = text(r.MaLinhVucChinh, 'MaLinhVucChinh', issues);
  const sectorName = prose(r.LinhVucChinh, 'LinhVucChinh', issues);
  const level = closedCode(text(r.MucDo, 'MucDo', issues), LEVEL, 'MucDo', 'a level "2", "3" or "4"', issues);
  // CapThucHien is not a closed vocabulary in SOURCES.md's quarantine list: an unknown value is flagged.
  const rawAuthority = text(r.CapThucHien, 'CapThucHien', issues);
  const authorityLevel = rawAuthority === null ? null : (AUTHORITY[rawAuthority] ?? null);
  if (rawAuthority !== null && authorityLevel === null) {
    issues.push({
      field: 'CapThucHien',
      expected: '"Cấp Tỉnh" or "Cấp Xã"',
      found: JSON.stringify(rawAuthority),
      severity: 'warning',
      code: 'UNKNOWN_VALUE',
    });
  }
  const duration = nonNegativeNumber(
    text(r.ThoiGianGiaiQuyet, 'ThoiGianGiaiQuyet', issues),
    'ThoiGianGiaiQuyet',
    issues,
  );
  const durationUnit = closedCode(
    text(r.LoaiThoiGian, 'LoaiThoiGian', issues),
    DURATION_UNIT_TEXT,
    'LoaiThoiGian',
    DURATION_UNIT_EXPECTED,
    issues,
  );
  if (code === null) return null;
  return {
    code,
    name,
    sectorCode,
    sectorName,
    level,
    authorityLevel,
    duration,
    durationUnit,
    onlineDuration: null,
  };
}
