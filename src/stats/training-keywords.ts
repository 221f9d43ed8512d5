/**
 * Assignment–training mismatch (DESIGN.md §3 "assignment–training mismatches"), defined here because
 * no source defines it: a person handles a sector (an active assignment's `Lĩnh vực phụ trách`) that
 * none of their training specialties (`Chuyên ngành đào tạo`, free text) relates to.
 *
 * A specialty relates to a sector when, folded (lower case, no diacritics, đ → d, single spaces),
 * it contains one of the sector's keywords below. OTHER is never a mismatch (nothing to compare).
 * A person with no specialty recorded is "unknown", not a mismatch. Keywords are the usual names
 * of Vietnamese training programmes (ngành đào tạo) for the sector's work.
 */
export const SECTOR_KEYWORDS: Record<string, readonly string[]> = {
  LAND: ['dat dai', 'quan ly dat', 'dia chinh', 'tai nguyen', 'trac dia', 'ban do', 'bat dong san'],
  CONSTRUCTION: ['xay dung', 'kien truc', 'cong trinh', 'giao thong', 'cau duong', 'ky thuat ha tang'],
  PLANNING: ['quy hoach', 'kien truc', 'do thi'],
  FINANCE: ['tai chinh', 'ke toan', 'kiem toan', 'ngan hang', 'ngan sach', 'thue'],
  INVESTMENT: ['dau tu', 'kinh te', 'tai chinh', 'quan tri kinh doanh'],
  ECONOMY: ['kinh te', 'quan tri kinh doanh', 'thuong mai', 'tai chinh'],
  IT: [
    'cong nghe thong tin',
    'tin hoc',
    'may tinh',
    'he thong thong tin',
    'dien tu vien thong',
    'phan mem',
    'an toan thong tin',
  ],
  JUSTICE: ['luat', 'tu phap', 'phap ly'],
  HEALTH: ['y te', 'y khoa', 'y hoc', 'y da khoa', 'duoc', 'dieu duong', 'y si'],
  EDUCATION: ['su pham', 'giao duc'],
  CULTURE_SOCIAL: ['van hoa', 'xa hoi', 'bao chi', 'thong tin', 'truyen thong', 'the thao', 'du lich'],
  LABOUR: ['lao dong', 'cong tac xa hoi', 'xa hoi hoc', 'bao hiem'],
  ENVIRONMENT: ['moi truong', 'tai nguyen', 'dia chat', 'khoang san', 'thuy van'],
  AGRICULTURE: ['nong', 'lam nghiep', 'lam sinh', 'thuy san', 'chan nuoi', 'trong trot', 'thu y', 'thuy loi'],
  INTERNAL_AFFAIRS: ['hanh chinh', 'quan ly nha nuoc', 'luat', 'nhan su', 'to chuc', 'chinh tri'],
};

/** Lower case, no diacritics, đ → d, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when one of the (folded) specialties relates to the sector; OTHER and unknown sectors always do. */
export function trainingFits(sector: string, foldedSpecialties: readonly string[]): boolean {
  const keywords = SECTOR_KEYWORDS[sector];
  if (!keywords) return true;
  return foldedSpecialties.some((s) => keywords.some((k) => s.includes(k)));
}
