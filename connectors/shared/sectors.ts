import type { Sector } from '../../schema/canonical/vocabulary.js';
import { fold } from './text.js';

/**
 * The staff sector vocabulary with its synonyms (SOURCES.md "cadre": "match case- and
 * diacritic-insensitively, with these synonyms"). Keys are folded (lower case, no diacritics).
 */
const SYNONYMS: ReadonlyArray<readonly [Sector, readonly string[]]> = [
  ['LAND', ['Đất đai']],
  ['CONSTRUCTION', ['Xây dựng']],
  ['PLANNING', ['Quy hoạch']],
  ['FINANCE', ['Tài chính', 'Ngân sách', 'Kế toán']],
  ['INVESTMENT', ['Đầu tư']],
  ['ECONOMY', ['Kinh tế']],
  ['IT', ['Công nghệ thông tin', 'Chuyển đổi số']],
  ['JUSTICE', ['Tư pháp', 'Hộ tịch']],
  ['HEALTH', ['Y tế']],
  ['EDUCATION', ['Giáo dục']],
  ['CULTURE_SOCIAL', ['Văn hóa', 'Xã hội', 'Thông tin']],
  ['LABOUR', ['Lao động', 'Thương binh']],
  ['ENVIRONMENT', ['Tài nguyên', 'Môi trường', 'Khoáng sản']],
  ['AGRICULTURE', ['Nông nghiệp']],
  ['INTERNAL_AFFAIRS', ['Nội vụ']],
];

const BY_FOLDED = new Map<string, Sector>();
for (const [sector, words] of SYNONYMS) {
  for (const w of words) BY_FOLDED.set(fold(w), sector);
}

/**
 * The sector one term names. An exact synonym wins ("Hộ tịch" → JUSTICE). Otherwise a term that
 * contains synonyms of exactly one sector as whole words takes that sector ("Văn hóa - Xã hội",
 * "Tài nguyên và Môi trường"); a term naming none, or several different sectors ("Quy hoạch xây
 * dựng"), is OTHER — we never guess between two sectors, and the raw text is kept beside it.
 */
export function sectorOf(term: string): Sector {
  const f = fold(term);
  const exact = BY_FOLDED.get(f);
  if (exact) return exact;
  const found = new Set<Sector>();
  const padded = ` ${f.replace(/[^a-z0-9]+/g, ' ').trim()} `;
  for (const [word, sector] of BY_FOLDED) {
    if (padded.includes(` ${word} `)) found.add(sector);
  }
  return found.size === 1 ? [...found][0]! : 'OTHER';
}

/** Splits a `Lĩnh vực phụ trách` cell on `;` (several sectors = kiêm nhiệm) and maps each term. */
export function sectorsOf(cell: string | null): Array<{ sector: Sector; raw: string }> {
  if (cell === null) return [];
  return cell
    .split(';')
    .map((t) => t.normalize('NFC').trim())
    .filter((t) => t !== '')
    .map((raw) => ({ sector: sectorOf(raw), raw }));
}
