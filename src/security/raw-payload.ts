import { maskValue, type PiiKind } from './masking.js';

/**
 * Masks a quarantined record's raw payload (SOURCES.md gives each source's personal fields): the record
 * is kept as the source sent it so a steward can find and fix it, but its personal values are masked
 * like the API's personal fields unless the reader's purpose allows them (src/security/pii.ts).
 *
 * Keys are matched ignoring case, diacritics, spaces and punctuation, so `Họ và tên`, `HoVaTen` and
 * `ho_va_ten` are one key. Arrays and objects under a personal key are walked (DVCQG `DinhDanhCHS` is a
 * list of `{LoaiDinhDanh, SoDinhDanh}`); strings that hold XML (hotich `data`) or JSON are masked inside.
 * Office contact fields in the cadre catalogue (`DiaChi`, `Email`, `SoDienThoai`) are masked too: a
 * raw payload does not say whose address it is, and masking an office's phone costs a steward little.
 */
const PII_KEYS: Record<string, PiiKind> = {};
function keys(kind: PiiKind, names: string[]): void {
  for (const n of names) PII_KEYS[normaliseKey(n)] = kind;
}
// dvcqg / onestop (SOURCES.md "dvcqg", "onestop"): ChuHoSo, SoGiayToChuHoSo, DinhDanhCHS.SoDinhDanh
keys('NAME', [
  'ChuHoSo',
  'ownerFullname',
  'nksHoTen',
  'Họ và tên',
  'HoTen',
  'TenNguoiNop',
  'applicantName',
  'fullName',
]);
keys('NATIONAL_ID', [
  'SoGiayToChuHoSo',
  'SoDinhDanh',
  'identityNumber',
  'Số định danh cá nhân',
  'SoCCCD',
  'CCCD',
  'CMND',
  'nationalId',
  'applicantIdNumber',
]);
keys('BIRTH_DATE', ['birthday', 'nksNgaySinh', 'Ngày sinh', 'birthDate']);
keys('PHONE', ['phoneNumber', 'SoDienThoai', 'DienThoai', 'phone', 'Số điện thoại']);
keys('ADDRESS', ['address', 'DiaChi', 'Địa chỉ']);
keys('EMAIL', ['email', 'ThuDienTu']);

/** `Số định danh cá nhân` → `sodinhdanhcanhan`. */
export function normaliseKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The kind of personal data a payload key holds, or null. */
export function piiKindOfKey(key: string): PiiKind | null {
  return PII_KEYS[normaliseKey(key)] ?? null;
}

/** A masked deep copy of a parsed payload. */
export function maskRawPayload(payload: unknown): unknown {
  return mask(payload, null);
}

function mask(value: unknown, kind: PiiKind | null): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => mask(v, kind));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      out[key] = mask(v, piiKindOfKey(key));
    return out;
  }
  const text = String(value);
  if (kind !== null) return maskValue(kind, text);
  if (typeof value !== 'string') return value;
  return maskInsideText(value);
}

/** Personal values inside a string that carries XML or JSON. */
function maskInsideText(text: string): string {
  const trimmed = text.trim();
  if (
    (trimmed.startsWith('{') && trimmed.endsWith('}')) ||
    (trimmed.startsWith('[') && trimmed.endsWith(']'))
  ) {
    try {
      return JSON.stringify(mask(JSON.parse(trimmed), null));
    } catch {
      // not JSON after all: fall through to XML or leave it
    }
  }
  if (!text.includes('<')) return text;
  return text.replace(
    /<([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]*)<\/\1\s*>/g,
    (whole, tag: string, attrs: string | undefined, inner: string) => {
      const kind = piiKindOfKey(tag);
      return kind === null ? whole : `<${tag}${attrs ?? ''}>${maskValue(kind, inner)}</${tag}>`;
    },
  );
}
