import { foldName } from './name-key.js';

export type SuccessionRelation = 'WHOLE' | 'PART' | 'UNCHANGED' | 'RENAMED' | 'RETYPED';

/**
 * The relation a crosswalk row's `note_vi` (the official table's "Ghi chú") states, checked in this
 * order (fixtures/reference/SOURCE.md §1 lists the notes):
 * 1. `Sắp xếp toàn bộ huyện/xã … thành đặc khu …` — a whole island district or commune became a
 *    đặc khu: WHOLE.
 * 2. any note saying `một phần` (part of), or `Phần còn lại…` (the remainder after part was split
 *    off): PART. This also catches `Đổi tên từ một phần Phường 15` and `Nhập một phần diện tích,
 *    toàn bộ dân số` — part of the territory moved, so the old commune did not pass whole.
 * 3. `Nhập toàn bộ…` WHOLE; `Giữ nguyên` UNCHANGED; `Đổi tên…` RENAMED; `Đổi loại hình…` RETYPED.
 * Notes are compared folded (the table has a typo, `Nhâp`). Anything else is a bad note: null.
 */
export function relationFromNote(note: string): SuccessionRelation | null {
  const n = foldName(note);
  if (n.startsWith('sap xep toan bo')) return 'WHOLE';
  if (n.includes('mot phan') || n.startsWith('phan con lai')) return 'PART';
  if (n.startsWith('nhap toan bo')) return 'WHOLE';
  if (n === 'giu nguyen') return 'UNCHANGED';
  if (n.startsWith('doi ten')) return 'RENAMED';
  if (n.startsWith('doi loai hinh')) return 'RETYPED';
  return null;
}
