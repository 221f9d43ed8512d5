/**
 * Identifier shapes shared by connectors and the sync engine (SOURCES.md, "Agency identifiers",
 * and "Rules that decide the hard cases" › "Keys and duplicates"). Pure functions, no I/O.
 *
 * - Electronic agency identifier (mã định danh, QCVN 102:2016): long form `NNN.NN.NN.XNN`, level 1
 *   on the right (`000.00.00.H56` = Thanh Hóa People's Committee). Only level-2 ids have a short
 *   form: `Hnn.XX` = `000.00.XX.Hnn` (`H56.14` = `000.00.14.H56`); deeper ids are written long.
 * - Dossier number: `<agency id>-<yyMMdd>-<NNNN>`; the prefix names the receiving office. Numbers
 *   match across sources after the prefix is normalised to its long form.
 * - Procedure code: national `1.000656`; local `1.000656.000.00.00.H56` and `1.000656.H56` are the
 *   same procedure.
 *
 * Case: sources type the province letter in lower case now and then (`h56.14`); it is accepted and
 * written upper case, because the letter is a code, not a word (the official lists are upper case).
 */

const LONG_AGENCY = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Za-z]\d{2})$/;
const SHORT_AGENCY = /^([A-Za-z]\d{2})\.(\d{2})$/;
const NATIONAL_PROCEDURE = /^\d\.\d{6}$/;
const LOCAL_PROCEDURE_LONG = /^(\d\.\d{6})\.\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}$/;
const LOCAL_PROCEDURE_SHORT = /^(\d\.\d{6})\.[A-Za-z]\d{2}$/;

/**
 * The long form of an agency id: `H56.14` → `000.00.14.H56`, `000.00.14.h56` → `000.00.14.H56`.
 * Returns null when the text is no agency id. Surrounding spaces are ignored.
 *
 * Memoised (bounded: cleared past 10,000 distinct texts): a province has a few hundred agencies while a
 * sync reads one or more per dossier, in every dossier number's prefix.
 */
export function agencyIdToLong(id: string): string | null {
  let long = longForms.get(id);
  if (long === undefined) {
    long = readAgencyId(id);
    if (longForms.size > 10_000) longForms.clear();
    longForms.set(id, long);
  }
  return long;
}

const longForms = new Map<string, string | null>();

function readAgencyId(id: string): string | null {
  const s = id.trim();
  const long = LONG_AGENCY.exec(s);
  if (long) return `${long[1]}.${long[2]}.${long[3]}.${long[4]!.toUpperCase()}`;
  const short = SHORT_AGENCY.exec(s);
  if (short) return `000.00.${short[2]}.${short[1]!.toUpperCase()}`;
  return null;
}

/** True for a long or short agency id. */
export function isAgencyId(id: string): boolean {
  return agencyIdToLong(id) !== null;
}

/** The short form of a level-2 long id (`000.00.14.H56` → `H56.14`), else null (no short form exists). */
export function agencyIdToShort(id: string): string | null {
  const long = agencyIdToLong(id);
  if (long === null) return null;
  const [a, b, c, x] = long.split('.') as [string, string, string, string];
  return a === '000' && b === '00' && c !== '00' ? `${x}.${c}` : null;
}

/**
 * The level of an agency id: 1 `000.00.00.H56`, 2 `000.00.14.H56`, 3 `000.21.14.H56`,
 * 4 `001.21.14.H56`; null when the text is no agency id.
 */
export function agencyLevel(id: string): 1 | 2 | 3 | 4 | null {
  const long = agencyIdToLong(id);
  if (long === null) return null;
  const [a, b, c] = long.split('.') as [string, string, string, string];
  if (a !== '000') return 4;
  if (b !== '00') return 3;
  if (c !== '00') return 2;
  return 1;
}

/** The parent of an agency id in long form (`000.21.14.H56` → `000.00.14.H56`); null for level 1 or no id. */
export function agencyParent(id: string): string | null {
  const long = agencyIdToLong(id);
  if (long === null) return null;
  const [a, b, c, x] = long.split('.') as [string, string, string, string];
  if (a !== '000') return `000.${b}.${c}.${x}`;
  if (b !== '00') return `000.00.${c}.${x}`;
  if (c !== '00') return `000.00.00.${x}`;
  return null;
}

/**
 * A dossier number with its agency prefix in long form: `H56.14-250703-0012` →
 * `000.00.14.H56-250703-0012`. A number without a recognisable `<agency id>-<yyMMdd>-<NNNN>` shape
 * is returned as is, NFC and trimmed (it still matches itself across sources).
 */
export function normaliseDossierNumber(n: string): string {
  // Printable ASCII is already NFC and has nothing to trim: most numbers skip both.
  const s = isPrintableAscii(n) ? n : n.normalize('NFC').trim();
  const dash = numberPrefixEnd(s);
  if (dash === -1) return s;
  const prefix = agencyIdToLong(s.slice(0, dash));
  if (prefix === null) return s;
  return dash === prefix.length && s.startsWith(prefix) ? s : prefix + s.slice(dash);
}

/** The long agency id of the office that received the dossier (its number's prefix), or null. */
export function agencyPrefixOf(number: string): string | null {
  const s = number.trim();
  const dash = numberPrefixEnd(s);
  return dash === -1 ? null : agencyIdToLong(s.slice(0, dash));
}

/**
 * Where the agency prefix of `<prefix>-<yyMMdd>-<digits>` ends (the dash before the date), or -1 when
 * the text has not that shape: what `^(.+)-(\d{6})-(\d+)$` matches, read by position (no match
 * arrays on the path of every dossier). The last dash starts the serial (digits have none), so the
 * date's dash is seven characters before it.
 */
function numberPrefixEnd(s: string): number {
  const last = s.lastIndexOf('-');
  if (last === -1 || last === s.length - 1 || !allDigits(s, last + 1, s.length)) return -1;
  const dash = last - 7;
  if (dash < 1 || s.charCodeAt(dash) !== 45 || !allDigits(s, dash + 1, last)) return -1;
  return dash;
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isPrintableAscii(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return false;
  }
  return true;
}

/**
 * The national code of a procedure code in any form: `1.000656.000.00.00.H56`, `1.000656.H56`
 * and `1.000656` all give `1.000656`. Null when the text has none of these shapes.
 */
export function procedureNationalCode(code: string): string | null {
  const s = code.trim();
  if (NATIONAL_PROCEDURE.test(s)) return s;
  const m = LOCAL_PROCEDURE_LONG.exec(s) ?? LOCAL_PROCEDURE_SHORT.exec(s);
  return m ? m[1]! : null;
}

/**
 * The level a unit code's shape names (SOURCES.md "Common rules": a commune code is 5 digits, a
 * province 2, a legacy district 3); null for anything else. Whether the code is current or old is
 * decided by its date and the crosswalk, not by its shape.
 */
export function unitCodeLevel(code: string): 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 2:
      return 'PROVINCE';
    case 3:
      return 'DISTRICT';
    case 5:
      return 'COMMUNE';
    default:
      return null;
  }
}

/** True for a 3-digit district code: districts were abolished on 1 July 2025, so it is always legacy. */
export function isLegacyDistrictCode(code: string): boolean {
  return unitCodeLevel(code) === 'DISTRICT';
}
