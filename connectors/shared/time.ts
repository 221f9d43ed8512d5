/**
 * Source times. A time without a zone is Vietnam local time, UTC+7 with no daylight saving
 * (SOURCES.md, first paragraph); the model stores UTC instants as ISO-8601 with milliseconds.
 */
const LOCAL_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** True when the parts name a real calendar date and clock time (no 31 June, no 25:00). */
export function isRealDate(p: LocalParts): boolean {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = p;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || millisecond > 999)
    return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Local parts → UTC ISO instant. Call only with parts that passed `isRealDate`. */
export function localToInstant(p: LocalParts): string {
  const utc =
    Date.UTC(p.year, p.month - 1, p.day, p.hour ?? 0, p.minute ?? 0, p.second ?? 0, p.millisecond ?? 0) -
    LOCAL_OFFSET_MS;
  return new Date(utc).toISOString();
}

/** The local calendar date (yyyy-MM-dd) of a UTC instant. */
export function localDateOf(instant: string): string {
  return new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatLocalDate(p: LocalParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Parses the fixed local formats the sources use. Returns the parts, or a string saying what was
 * wrong ('format' when the text does not have the shape, 'impossible' when it names no real date).
 */
export type Parsed = { ok: true; parts: LocalParts } | { ok: false; problem: 'format' | 'impossible' };

const FORMATS = {
  /** dvcqg: yyyyMMddHHmmss */
  compact: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  /** onestop: yyyy-MM-dd HH:mm:ss or yyyy-MM-dd HH:mm:ss.fff (also a bare date) */
  iso: /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/,
  /** hotich, lgsp, cadre: dd/MM/yyyy or dd/MM/yyyy HH:mm:ss */
  vn: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/,
} as const;

export function parseLocal(text: string, format: keyof typeof FORMATS): Parsed {
  const m = FORMATS[format].exec(text);
  if (!m) return { ok: false, problem: 'format' };
  const n = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const parts: LocalParts =
    format === 'vn'
      ? { day: n(1)!, month: n(2)!, year: n(3)!, hour: n(4), minute: n(5), second: n(6) }
      : {
          year: n(1)!,
          month: n(2)!,
          day: n(3)!,
          hour: n(4),
          minute: n(5),
          second: n(6),
          millisecond: m[7] === undefined ? undefined : Number(m[7].padEnd(3, '0')),
        };
  return isRealDate(parts) ? { ok: true, parts } : { ok: false, problem: 'impossible' };
}
