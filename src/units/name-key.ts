import type { UnitLevel } from './unit-types.js';

/**
 * Name matching for units: what a clerk types must find the unit the register lists
 * (issue FOUNDATION §4: case and diacritics ignored, NFD accepted, the usual prefixes, `Phường 01` =
 * `Phường 1`).
 *
 * A stored version's `name_key` is `nameKey(short name)` — the name without its type word — so the
 * type word never has to be guessed back from the key. A query may carry a type word or its
 * abbreviation (`P.`, `TP.`, `TX.`…); `parseNameQuery` offers the key with and without it, because
 * some names themselves start with a type-like word (Xã Xá Lượng folds to `xa luong`).
 */

/** Lower case, no diacritics, đ→d, NFC or NFD input alike, punctuation as spaces, single spaces. */
export function foldName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Numbers in names lose their leading zeros: `Phường 01` is `Phường 1` (the register writes `Phường 1`). */
function withoutLeadingZeros(folded: string): string {
  return folded.replace(/\b0+(?=\d)/g, '');
}

/** The search key of a short unit name (as stored in `unit_versions.name_key`). */
export function nameKey(shortName: string): string {
  return withoutLeadingZeros(foldName(shortName));
}

interface Prefix {
  /** The folded word(s), or the abbreviation without its dot. */
  word: string;
  type: string;
  /** The levels this type word can denote. */
  levels: UnitLevel[];
  /** Abbreviations need a dot or a space after them; whole words a space. */
  abbreviation: boolean;
}

// Longest first: `thanh pho` before `tp`, `thi tran` before `tt`.
const PREFIXES: Prefix[] = [
  { word: 'thanh pho', type: 'thành phố', levels: ['PROVINCE', 'DISTRICT'], abbreviation: false },
  { word: 'thi tran', type: 'thị trấn', levels: ['COMMUNE'], abbreviation: false },
  { word: 'thi xa', type: 'thị xã', levels: ['DISTRICT'], abbreviation: false },
  { word: 'dac khu', type: 'đặc khu', levels: ['COMMUNE'], abbreviation: false },
  { word: 'phuong', type: 'phường', levels: ['COMMUNE'], abbreviation: false },
  { word: 'huyen', type: 'huyện', levels: ['DISTRICT'], abbreviation: false },
  { word: 'quan', type: 'quận', levels: ['DISTRICT'], abbreviation: false },
  { word: 'tinh', type: 'tỉnh', levels: ['PROVINCE'], abbreviation: false },
  { word: 'xa', type: 'xã', levels: ['COMMUNE'], abbreviation: false },
  { word: 'tp', type: 'thành phố', levels: ['PROVINCE', 'DISTRICT'], abbreviation: true },
  { word: 'tx', type: 'thị xã', levels: ['DISTRICT'], abbreviation: true },
  { word: 'tt', type: 'thị trấn', levels: ['COMMUNE'], abbreviation: true },
  { word: 'p', type: 'phường', levels: ['COMMUNE'], abbreviation: true },
  { word: 'q', type: 'quận', levels: ['DISTRICT'], abbreviation: true },
  { word: 'h', type: 'huyện', levels: ['DISTRICT'], abbreviation: true },
  { word: 'x', type: 'xã', levels: ['COMMUNE'], abbreviation: true },
];

/** One way to read a typed name: its key, and the type and levels its prefix implies (null: none). */
export interface NameAttempt {
  key: string;
  /** The type the prefix names (`phường` for `P.`), or null. */
  type: string | null;
  /** The levels the prefix allows, or null when the attempt keeps the whole name. */
  levels: UnitLevel[] | null;
}

/**
 * Reads a name as typed (`p. ngoc ha`, `TP.Hồ Chí Minh`, `Phường 01`, NFD or NFC) into the keys to try,
 * in order: the whole name first (some names start with a type-like word: Huyện Tĩnh Gia folds to
 * `tinh gia`), then the name without its type word, restricted to the type that word names.
 */
export function parseNameQuery(input: string): NameAttempt[] {
  // Fold diacritics but keep dots, so an abbreviation's dot can be seen.
  const lowered = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  const whole = nameKey(lowered);
  const attempts: NameAttempt[] = whole ? [{ key: whole, type: null, levels: null }] : [];
  for (const prefix of PREFIXES) {
    const pattern = prefix.abbreviation
      ? new RegExp(`^${prefix.word}(\\s*\\.\\s*|\\s+)(?=\\S)`)
      : new RegExp(`^${prefix.word.replace(' ', '\\s+')}\\s+(?=\\S)`);
    const m = pattern.exec(lowered);
    if (!m) continue;
    const rest = nameKey(lowered.slice(m[0].length));
    if (rest && rest !== whole) attempts.push({ key: rest, type: prefix.type, levels: prefix.levels });
    break;
  }
  return attempts;
}
