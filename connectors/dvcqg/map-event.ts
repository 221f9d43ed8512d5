import type { DossierEventCandidate } from '../../schema/canonical/records.js';
import { NATIONAL_STATUS } from '../../schema/canonical/vocabulary.js';
import { withoutPlaceholder } from '../shared/text.js';
import { closedCode, compactLocalTime, type Issues, prose, required, text } from '../shared/values.js';

/**
 * Maps one `CapNhatTienDoHoSoMC` history entry (SOURCES.md dvcqg) to a DossierEventCandidate.
 * Returns the event (null when it lacks the dossier number or a usable time, which it cannot exist
 * without) and its source key `MaHoSo|ThoiDiemXuLy|TrangThai` (null when a part is missing).
 */
export function mapEvent(
  h: Record<string, unknown>,
  issues: Issues,
): { sourceKey: string | null; data: DossierEventCandidate | null } {
  const number = required(text(h.MaHoSo, 'MaHoSo', issues), 'MaHoSo', issues);
  const rawAt = required(text(h.ThoiDiemXuLy, 'ThoiDiemXuLy', issues), 'ThoiDiemXuLy', issues);
  const at = compactLocalTime(rawAt, 'ThoiDiemXuLy', issues);
  const rawStatus = required(text(h.TrangThai, 'TrangThai', issues), 'TrangThai', issues);
  const status = closedCode(
    rawStatus,
    NATIONAL_STATUS,
    'TrangThai',
    'a national status code "1"–"10"',
    issues,
  );
  // NguoiXuLy is cut to 50 characters by the portal; placeholders ("Chuyên viên", "Cán bộ một cửa")
  // mean the officer is unknown (SOURCES.md "Common rules").
  const actor = withoutPlaceholder('officer', prose(h.NguoiXuLy, 'NguoiXuLy', issues));
  const position = prose(h.ChucDanh, 'ChucDanh', issues);
  const department = prose(h.PhongBanXuLy, 'PhongBanXuLy', issues);
  const content = prose(h.NoiDungXuLy, 'NoiDungXuLy', issues);

  const sourceKey =
    number !== null && rawAt !== null && rawStatus !== null ? `${number}|${rawAt}|${rawStatus}` : null;
  if (number === null || at === null) return { sourceKey, data: null };
  return {
    sourceKey,
    data: {
      dossierNumber: number,
      at,
      status,
      rawStatus,
      actor,
      position,
      department,
      content,
      error: false,
    },
  };
}
