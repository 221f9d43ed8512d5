import type { DossierEventCandidate } from '../../schema/canonical/records.js';
import { NATIONAL_STATUS } from '../../schema/canonical/vocabulary.js';
import { withoutPlaceholder } from '../shared/text.js';
import { closedCode, type Issues, isoLocalTime, prose, required, text } from '../shared/values.js';

/**
 * Maps one `QuaTrinhXuLyHoSos.csv` row to a DossierEventCandidate. The source key is
 * `MaHoSo|ThoiGian|TrangThai` (SOURCES.md "Keys and duplicates"), null when a part is missing.
 * `TenNguoiGui` (who acted) is the actor, `ThaoTac` the content; `TenNguoiNhan` (to whom the
 * dossier was passed) has no canonical field and stays in the raw row.
 */
export function mapEvent(
  r: Record<string, string>,
  issues: Issues,
): { sourceKey: string | null; data: DossierEventCandidate | null } {
  const number = required(text(r.MaHoSo, 'MaHoSo', issues), 'MaHoSo', issues);
  const rawAt = required(text(r.ThoiGian, 'ThoiGian', issues), 'ThoiGian', issues);
  const at = isoLocalTime(rawAt, 'ThoiGian', issues);
  const rawStatus = required(text(r.TrangThai, 'TrangThai', issues), 'TrangThai', issues);
  const status = closedCode(
    rawStatus,
    NATIONAL_STATUS,
    'TrangThai',
    'a national status code "1"–"10"',
    issues,
  );
  const actor = withoutPlaceholder('officer', prose(r.TenNguoiGui, 'TenNguoiGui', issues));
  const content = prose(r.ThaoTac, 'ThaoTac', issues);
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
      position: null,
      department: null,
      content,
      error: false,
    },
  };
}
