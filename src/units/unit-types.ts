/**
 * The unit types of Vietnam's administrative register and the level each belongs to
 * (DESIGN.md §2 "Unit"; Law on Local Government Organisation 2025, art. 2).
 */
export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

/** Type words as the official lists write them, longest first so `Thành phố` wins over shorter words. */
export const UNIT_TYPES = [
  'thành phố',
  'thị trấn',
  'thị xã',
  'đặc khu',
  'phường',
  'huyện',
  'quận',
  'tỉnh',
  'xã',
] as const;
export type UnitTypeWord = (typeof UNIT_TYPES)[number];

/** Which types each level may have (a `thành phố` is a province or a legacy district). */
export const TYPES_BY_LEVEL: Record<UnitLevel, ReadonlySet<string>> = {
  PROVINCE: new Set(['tỉnh', 'thành phố']),
  DISTRICT: new Set(['quận', 'huyện', 'thị xã', 'thành phố']),
  COMMUNE: new Set(['xã', 'phường', 'thị trấn', 'đặc khu']),
};

/** Code length decides the level (SOURCES.md "Common rules": province 2 digits, district 3, commune 5). */
export function levelOfCode(code: string): UnitLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 2) return 'PROVINCE';
  if (code.length === 3) return 'DISTRICT';
  if (code.length === 5) return 'COMMUNE';
  return null;
}

/**
 * A code as sources send it, made canonical: trimmed; a commune code that lost its leading zero in a
 * spreadsheet (`1558`) gets it back (`01558`, fixtures/reference/SOURCE.md §4), likewise a 1-digit
 * province code. Null when it cannot be a unit code.
 */
export function canonicalCode(raw: string): string | null {
  const code = raw.trim();
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 4) return `0${code}`;
  if (code.length === 1) return `0${code}`;
  return levelOfCode(code) ? code : null;
}

/** Splits `Phường Phúc Xá` into its type word and short name; null when it starts with no type word. */
export function splitTypedName(fullName: string): { type: UnitTypeWord; name: string } | null {
  const lower = fullName.toLocaleLowerCase('vi');
  for (const type of UNIT_TYPES) {
    if (lower.startsWith(`${type} `)) return { type, name: fullName.slice(type.length + 1).trim() };
  }
  return null;
}

/** `Xã` + `Lộc Ninh` → `Xã Lộc Ninh`. */
export function fullNameOf(type: string, name: string): string {
  return `${type.charAt(0).toLocaleUpperCase('vi')}${type.slice(1)} ${name}`;
}
