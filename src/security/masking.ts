/**
 * How each kind of personal data is masked (SECURITY.md "Masking"). A mask keeps just enough to tell
 * records apart on a screen and to check a value a citizen reads out (last digits), never enough to
 * identify a person on its own. Masks are deterministic and keep the value's shape, so a masked column
 * still lines up; null and the empty string stay as they are (absence is not personal data).
 *
 * - NATIONAL_ID  `001088001234` → `0010****1234` (first 4, last 4 of ≥ 10 characters; the first 3 digits of
 *                a CCCD are only the province of birth registration, Circular 59/2021/TT-BCA art. 7);
 *                shorter (a 9-digit CMND) → `*******34` (last 2); ≤ 4 characters → all stars.
 * - NAME         `Nguyễn Văn An` → `Nguyễn V*** A***` (family name, then initials: the family name alone
 *                is shared by millions — Nguyễn by about 38 % of Vietnamese).
 * - BIRTH_DATE   `1985-03-15` → `1985-**-**` (`15/03/1985` keeps its slashes the same way): the year (age groups stay
 *                usable), every other digit starred, the format kept.
 * - PHONE        `0912345678` → `*******678` (last 3).
 * - ADDRESS      `Số 12 ngõ 34, Phường Ngọc Hà, Hà Nội` → `***, Phường Ngọc Hà, Hà Nội` (the administrative
 *                part, which is the unit, not the person); one part only → `***`.
 * - EMAIL        `an.nguyen@example.vn` → `a***@example.vn`.
 * - TEXT         anything else personal → `***`.
 */
export const PII_KINDS = ['NATIONAL_ID', 'NAME', 'BIRTH_DATE', 'PHONE', 'ADDRESS', 'EMAIL', 'TEXT'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

const STAR = '*';

export function maskNationalId(value: string): string {
  const v = value.trim();
  if (v.length >= 10) return `${v.slice(0, 4)}${STAR.repeat(v.length - 8)}${v.slice(-4)}`;
  if (v.length > 4) return `${STAR.repeat(v.length - 2)}${v.slice(-2)}`;
  return STAR.repeat(v.length);
}

export function maskName(value: string): string {
  const words = value.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words.length === 0 ? '' : `${Array.from(words[0]!)[0]}***`;
  return [words[0]!, ...words.slice(1).map((w) => `${Array.from(w)[0]}***`)].join(' ');
}

export function maskBirthDate(value: string): string {
  const year = /(?<!\d)(?:18|19|20)\d{2}(?!\d)/.exec(value);
  if (!year) return value.replace(/\d/g, STAR);
  const end = year.index + 4;
  return value.slice(0, year.index).replace(/\d/g, STAR) + year[0] + value.slice(end).replace(/\d/g, STAR);
}

export function maskPhone(value: string): string {
  const v = value.trim();
  if (v.length <= 3) return STAR.repeat(v.length);
  return `${v.slice(0, -3).replace(/[^\s]/g, STAR)}${v.slice(-3)}`;
}

export function maskAddress(value: string): string {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length < 3) return '***';
  return ['***', ...parts.slice(-2)].join(', ');
}

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(value)[0]}***${value.slice(at)}`;
}

/** The masked form of a personal value of `kind`; null and '' are returned as they are. */
export function maskValue<T extends string | null | undefined>(kind: PiiKind, value: T): T;
export function maskValue(kind: PiiKind, value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined || value === '') return value;
  switch (kind) {
    case 'NATIONAL_ID':
      return maskNationalId(value);
    case 'NAME':
      return maskName(value);
    case 'BIRTH_DATE':
      return maskBirthDate(value);
    case 'PHONE':
      return maskPhone(value);
    case 'ADDRESS':
      return maskAddress(value);
    case 'EMAIL':
      return maskEmail(value);
    case 'TEXT':
      return '***';
  }
}
