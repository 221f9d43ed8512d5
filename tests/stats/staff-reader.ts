import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * An INDEPENDENT reader of the staff sample exports (fixtures/samples: cadre/*.xlsx and *.csv, the
 * offices of lgsp/ and onestop/Groups.csv, the dossiers of onestop/HoSos.csv): exceljs' regular
 * reader and csv-parse, then SOURCES.md and DESIGN.md §3 "Staff" / "Workload" applied literally,
 * with no code from src/ or connectors/. The staff KPI test (staff-kpi.test.ts) compares the API's
 * answers with what this file computes. Where the documents are silent it says which reading it takes.
 */
const LOCAL_MS = 7 * 3_600_000;
/** DESIGN.md §3 "sector gaps": the key sectors, in the order DESIGN.md lists them. */
export const KEY_SECTORS = ['LAND', 'CONSTRUCTION', 'FINANCE', 'PLANNING', 'IT', 'JUSTICE'] as const;

/** Lower case, no diacritics, đ → d, single spaces: "match case- and diacritic-insensitively". */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const nfc = (s: string) => s.normalize('NFC').trim();

/** SOURCES.md "cadre", sector vocabulary: a term is a sector when it is one of its words, else OTHER. */
const SECTOR_WORDS: Record<string, string[]> = {
  LAND: ['Đất đai'],
  CONSTRUCTION: ['Xây dựng'],
  PLANNING: ['Quy hoạch'],
  FINANCE: ['Tài chính', 'Ngân sách', 'Kế toán'],
  INVESTMENT: ['Đầu tư'],
  ECONOMY: ['Kinh tế'],
  IT: ['Công nghệ thông tin', 'Chuyển đổi số'],
  JUSTICE: ['Tư pháp', 'Hộ tịch'],
  HEALTH: ['Y tế'],
  EDUCATION: ['Giáo dục'],
  CULTURE_SOCIAL: ['Văn hóa', 'Xã hội', 'Thông tin'],
  LABOUR: ['Lao động', 'Thương binh'],
  ENVIRONMENT: ['Tài nguyên', 'Môi trường', 'Khoáng sản'],
  AGRICULTURE: ['Nông nghiệp'],
  INTERNAL_AFFAIRS: ['Nội vụ'],
};
// "Văn hoá" (old tone placement) folds like "Văn hóa": folding drops the tone marks wherever they sit.
const SECTOR_OF = new Map(
  Object.entries(SECTOR_WORDS).flatMap(([sector, words]) => words.map((w) => [fold(w), sector] as const)),
);
const sectorOf = (term: string) => SECTOR_OF.get(fold(term)) ?? 'OTHER';

/**
 * Which sectors each training specialty (`Chuyên ngành đào tạo`) of an ACTIVE person in the fixture
 * prepares for — this reader's own judgement, by the field the programme is named for, written per
 * specialty (not per keyword) so it does not repeat the hub's keyword table. DESIGN.md §3 names
 * "assignment–training mismatches" without defining them; a person mismatches when one of the
 * sectors they handle (OTHER aside: nothing to compare) is prepared for by none of their
 * specialties. A specialty missing here is an error: a new fixture row needs a decision.
 */
const PREPARES_FOR: Record<string, string[]> = {
  'quan ly dat dai': ['LAND'],
  luat: ['JUSTICE', 'INTERNAL_AFFAIRS'],
  'hanh chinh cong': ['INTERNAL_AFFAIRS'],
  'kinh te': ['ECONOMY', 'INVESTMENT'],
  'ke toan': ['FINANCE'],
  'van hoa hoc': ['CULTURE_SOCIAL'],
  'quan su co so': [],
  'cong nghe thong tin': ['IT'],
  'tai chinh - ngan hang': ['FINANCE', 'INVESTMENT', 'ECONOMY'],
};

/** SOURCES.md "cadre": the closed vocabularies (text compared after NFC and trim; case as the samples README allows). */
const CATEGORY: Record<string, string> = {
  'cán bộ': 'CADRE',
  'công chức': 'CIVIL_SERVANT',
  'viên chức': 'PUBLIC_EMPLOYEE',
  'hợp đồng lao động': 'CONTRACT',
};
const STATUS: Record<string, string> = {
  'đang công tác': 'ACTIVE',
  'nghỉ hưu': 'RETIRED',
  'nghỉ theo nghị định 178': 'RESIGNED_DECREE_178',
  'chuyển công tác': 'TRANSFERRED',
};
const GENDER = new Set(['nam', 'nữ', '1', '2']);
/** `Trình độ chuyên môn` (SOURCES.md lists five; "sỹ" is the older spelling of "sĩ"). */
const LEVELS = new Set(['trung cấp', 'cao đẳng', 'đại học', 'thạc sĩ', 'tiến sĩ', 'thạc sỹ', 'tiến sỹ']);

export interface StaffRow {
  where: string;
  name: string;
  nationalId: string | null;
  legacyId: string | null;
  birthDate: string | null;
  office: string | null;
  category: string | null;
  serviceStart: string | null;
  sectors: string[];
  specialty: string | null;
  secondedFrom: string | null;
  status: string;
}

export interface Office {
  id: string;
  serviceCentre: boolean;
  /** The current commune whose staff work there; null for a provincial office. */
  commune: string | null;
}

export interface StaffFixture {
  /** Accepted rows (a malformed row is left out, as quarantine would). */
  rows: StaffRow[];
  /** Rows the reader left out, with why (to show the fixture is what it claims). */
  rejected: { where: string; why: string }[];
  /** person id → that person's rows. */
  persons: Map<string, StaffRow[]>;
  offices: Map<string, Office>;
  province: string;
  /** Current communes of the province (reference communes.csv), sorted. */
  communes: string[];
}

/** Agency ids in long form, upper case: `H56.14` = `000.00.14.H56` (SOURCES.md "Agency identifiers"). */
const agency = (s: string | null | undefined): string | null => {
  if (!s?.trim()) return null;
  const t = s.trim().toUpperCase();
  const short = /^([A-Z]\d{2})\.(\d{2})$/.exec(t);
  return short ? `000.00.${short[2]}.${short[1]}` : t;
};

type Cell = string | number | Date | null;

/** A cell's value as text, number or date (rich text joined, formulas by their result). */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue);
  return String(v);
}
const text = (c: Cell): string | null => (c === null ? null : nfc(String(c)) || null);

/** `dd/MM/yyyy` text, an Excel serial (1900 or 1904 system), or a date exceljs gave (UTC fields = the date). */
function dateOf(c: Cell, date1904: boolean): string | null | 'BAD' {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    return new Date(epoch + Math.floor(c) * 86_400_000).toISOString().slice(0, 10);
  }
  return ddMMyyyy(c) ?? 'BAD';
}

/** `dd/MM/yyyy` text of a day that exists → `yyyy-MM-dd`, else null. */
function ddMMyyyy(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
    ? `${m[3]}-${m[2]}-${m[1]}`
    : null;
}

/** One spreadsheet/CSV row keyed by its header names → an accepted row, or why it is not. */
function readRow(get: (column: string) => Cell, where: string, date1904: boolean): StaffRow | string {
  const why: string[] = [];
  const name = text(get('họ và tên'));
  if (name === null) return 'no name';
  // `Số định danh cá nhân`: 12 digits CCCD or 9 digits CMND; `000000001` is the "unknown" placeholder.
  // A number cell lost the leading zero every ID starts with (the province of birth, 001–096).
  let id = get('số định danh cá nhân');
  if (typeof id === 'number') id = [11, 8].includes(String(id).length) ? `0${id}` : String(id);
  const idText = text(id);
  let nationalId: string | null = null;
  let legacyId: string | null = null;
  if (idText !== null && idText !== '000000001') {
    if (/^\d{12}$/.test(idText)) nationalId = idText;
    else if (/^\d{9}$/.test(idText)) legacyId = idText;
    else why.push(`ID ${idText}`);
  }
  const birthDate = dateOf(get('ngày sinh'), date1904);
  const serviceStart = dateOf(get('ngày bắt đầu công tác'), date1904);
  if (birthDate === 'BAD') why.push('birth date');
  if (serviceStart === 'BAD') why.push('service start');
  const gender = text(get('giới tính'));
  if (gender !== null && !GENDER.has(gender.toLowerCase())) why.push(`gender ${gender}`);
  const categoryText = text(get('loại cán bộ'));
  const category = categoryText === null ? null : (CATEGORY[categoryText.toLowerCase()] ?? null);
  if (categoryText !== null && category === null) why.push(`category ${categoryText}`);
  // An empty `Trạng thái` is read as `Đang công tác` (connectors/cadre/README.md: a staff list lists
  // the people at work; SOURCES.md is silent on an empty status). Anything unknown quarantines.
  const statusText = text(get('trạng thái'));
  const status = statusText === null ? 'ACTIVE' : (STATUS[statusText.toLowerCase()] ?? null);
  if (status === null) why.push(`status ${statusText}`);
  if (nationalId === null && legacyId === null && (birthDate === null || birthDate === 'BAD'))
    why.push('no key');
  if (why.length > 0) return why.join(', ');
  // A qualification of a level outside the five is not recorded (a warning, not a quarantine):
  // its specialty goes with it (connectors/cadre/README.md).
  const level = text(get('trình độ chuyên môn'));
  const specialty =
    level !== null && LEVELS.has(level.toLowerCase()) ? text(get('chuyên ngành đào tạo')) : null;
  return {
    where,
    name,
    nationalId,
    legacyId,
    birthDate: birthDate as string | null,
    office: agency(text(get('mã đơn vị công tác'))),
    category,
    serviceStart: serviceStart as string | null,
    sectors: (text(get('lĩnh vực phụ trách')) ?? '')
      .split(';')
      .map(nfc)
      .filter((t) => t !== '')
      .map(sectorOf),
    specialty,
    secondedFrom: agency(text(get('biệt phái từ'))),
    status: status!,
  };
}

const headerKey = (s: string) => nfc(s).replace(/\s+/g, ' ').toLowerCase();

async function readWorkbook(file: string): Promise<{ where: string; row: StaffRow | string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const date1904 = Boolean(wb.properties.date1904);
  const out: { where: string; row: StaffRow | string }[] = [];
  for (const ws of wb.worksheets) {
    // SOURCES.md: titles first, then the header row (found by its column names), then data up to
    // the first row without a name; a row numbering the columns ("(1)", "(2)"…) is no person.
    let header: Map<string, number> | null = null;
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells = (ws.getRow(r).values as ExcelJS.CellValue[]).map(cellValue);
      if (header === null) {
        const names = new Map(cells.flatMap((c, i) => (typeof c === 'string' ? [[headerKey(c), i]] : [])));
        if (names.has('họ và tên') && names.has('loại cán bộ')) header = names as Map<string, number>;
        continue;
      }
      const get = (column: string) => {
        const i = header!.get(column);
        return i === undefined ? null : (cells[i] ?? null);
      };
      const name = text(get('họ và tên'));
      if (name === null) break;
      if (/^\(?\d+\)?$/.test(name)) continue;
      const where = `${path.basename(file)} "${ws.name}" row ${r}`;
      out.push({ where, row: readRow(get, where, date1904) });
    }
  }
  return out;
}

function readCsv(file: string): { where: string; row: StaffRow | string }[] {
  const records = parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  return records.map((r, i) => {
    const byKey = new Map(Object.entries(r).map(([k, v]) => [headerKey(k), v]));
    const where = `${path.basename(file)} line ${i + 2}`;
    return { where, row: readRow((c) => byKey.get(c) || null, where, false) };
  });
}

export async function readStaffFixture(samples: string, reference: string): Promise<StaffFixture> {
  // Offices: the lgsp registry and the one-stop Groups.csv, by agency id.
  const lgsp = JSON.parse(
    fs.readFileSync(path.join(samples, 'lgsp', 'dmdc-qlvanbandieuhanhcap2.json'), 'utf8'),
  ) as { rows: unknown[] };
  // A registry row that is no object, has no key, or holds a value outside SOURCES.md "lgsp"
  // (LoaiDonVi, TrangThai, a dd/MM/yyyy date that exists) is quarantined: not an office.
  const registry = lgsp.rows.filter((r): r is Record<string, string> => {
    if (typeof r !== 'object' || r === null) return false;
    const row = r as Record<string, string>;
    return (
      agency(row.MaDinhDanh) !== null &&
      ['UBND', 'SO', 'PHONG', 'TTPVHCC', 'CHINHANH', 'KHAC'].includes(row.LoaiDonVi ?? '') &&
      ['0', '1'].includes(row.TrangThai ?? '') &&
      (!row.NgayBanHanhQd || ddMMyyyy(row.NgayBanHanhQd) !== null)
    );
  });
  const groups = parse(fs.readFileSync(path.join(samples, 'onestop', 'Groups.csv'), 'utf8'), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  const communesCsv = parse(fs.readFileSync(path.join(reference, 'communes.csv'), 'utf8'), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  // The province: the People's Committee at the top of the registry (no parent, a 2-digit unit code).
  const top = registry.find((r) => !r.MaDinhDanhCapTren && /^\d{2}$/.test(r.MaDVHC ?? ''))!;
  const province = top.MaDVHC!;
  const provincePc = agency(top.MaDinhDanh)!;
  const current = new Set(communesCsv.filter((c) => c.province_code === province).map((c) => c.code!));
  const offices = new Map<string, Office>();
  for (const id of new Set([
    ...registry.map((r) => agency(r.MaDinhDanh)!),
    ...groups.map((g) => agency(g.MaDinhDanh)!),
  ])) {
    const l = registry.filter((r) => agency(r.MaDinhDanh) === id).at(-1); // a later row replaces
    const g = groups.find((x) => agency(x.MaDinhDanh) === id);
    // The provincial People's Committee and the bodies directly under it (departments, the
    // provincial service centre) serve the whole province, wherever their building is: their staff
    // are no commune's staff. Every other office works for the commune it is registered in.
    const provincial =
      id === provincePc ||
      agency(l?.MaDinhDanhCapTren) === provincePc ||
      ['so-ban-nganh', 'trung-tam-hcc'].includes(g?.Catalog ?? '');
    const unit = g?.MaXa || l?.MaDVHC || null;
    offices.set(id, {
      id,
      serviceCentre: l?.LoaiDonVi === 'TTPVHCC' || g?.Catalog === 'trung-tam-hcc',
      commune: !provincial && unit !== null && current.has(unit) ? unit : null,
    });
  }

  const dir = path.join(samples, 'cadre');
  const read: { where: string; row: StaffRow | string }[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('.xlsx')) read.push(...(await readWorkbook(path.join(dir, f))));
    else if (f.endsWith('.csv')) read.push(...readCsv(path.join(dir, f)));
  }
  const rejected = read.flatMap((r) => (typeof r.row === 'string' ? [{ where: r.where, why: r.row }] : []));
  const rows = read.flatMap((r) => (typeof r.row === 'string' ? [] : [r.row]));

  // DESIGN.md §3: one person when they share a 12-digit national ID, or when at least one lacks it
  // and normalised name and birth date are equal; two different national IDs are never one person.
  const nameBirth = (r: StaffRow) => (r.birthDate ? `${fold(r.name)}|${r.birthDate}` : null);
  const persons = new Map<string, StaffRow[]>();
  for (const r of rows.filter((x) => x.nationalId))
    persons.set(r.nationalId!, [...(persons.get(r.nationalId!) ?? []), r]);
  for (const r of rows.filter((x) => !x.nationalId)) {
    const nb = nameBirth(r);
    const withId = [...persons.entries()].filter(
      ([id, list]) => /^\d{12}$/.test(id) && nb !== null && list.some((x) => nameBirth(x) === nb),
    );
    const withoutId = [...persons.entries()].filter(
      ([id, list]) =>
        !/^\d{12}$/.test(id) &&
        list.some((x) => (nb !== null && nameBirth(x) === nb) || (r.legacyId && x.legacyId === r.legacyId)),
    );
    if (withId.length === 1) withId[0]![1].push(r);
    else if (withId.length === 0 && withoutId.length === 1) withoutId[0]![1].push(r);
    else if (withId.length + withoutId.length === 0) persons.set(`row ${r.where}`, [r]);
    else throw new Error(`staff-reader: ${r.where} matches several persons; the fixture has no such case`);
  }
  return { rows, rejected, persons, offices, province, communes: [...current].sort() };
}

export type StaffDimension = 'PROVINCE' | 'COMMUNE' | 'OFFICE';
export interface StaffFilter {
  provinceCodes?: string[];
  communeCodes?: string[];
  officeIds?: string[];
}
export interface ExpectedStaff {
  province?: string | null;
  commune?: string | null;
  office?: string | null;
  headcount: number;
  byCategory: { category: string; count: number }[];
  multiSector: number;
  seconded: number;
  serviceCentreStaff: number;
  serviceCentreUnderTwoYears: number;
  serviceCentreStartUnknown: number;
  trainingMismatches: number;
  trainingUnknown: number;
  sectorGaps: { commune: string; missingSectors: string[] }[];
}

interface Post {
  person: string;
  row: StaffRow;
  province: string;
  commune: string | null;
  office: string | null;
  serviceCentre: boolean;
}

/** Active posts: the rows `Đang công tác` (the sources give no validity dates: active at any asOf). */
function activePosts(fx: StaffFixture): Post[] {
  return [...fx.persons].flatMap(([person, rows]) =>
    rows
      .filter((r) => r.status === 'ACTIVE')
      .map((row) => {
        const o = row.office ? fx.offices.get(row.office) : undefined;
        return {
          person,
          row,
          province: fx.province,
          commune: o?.commune ?? null,
          office: row.office,
          serviceCentre: o?.serviceCentre ?? false,
        };
      }),
  );
}

const keyOf = (p: { province: string; commune: string | null; office: string | null }, d: StaffDimension) =>
  d === 'PROVINCE' ? p.province : d === 'COMMUNE' ? p.commune : p.office;
const compareKeys = (a: (string | null)[], b: (string | null)[]) => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Two calendar years before asOf (29 February → 1 March, as a date two years back rolls over). */
function twoYearsBefore(asOf: string): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - 2, m - 1, d)).toISOString().slice(0, 10);
}

/** DESIGN.md §3 "Staff", per group of the active posts that pass the filter. */
export function expectedStaffStats(
  fx: StaffFixture,
  opts: { asOf: string; groupBy: StaffDimension[]; filter: StaffFilter },
): ExpectedStaff[] {
  const all = activePosts(fx);
  const { filter, groupBy } = opts;
  const posts = all.filter(
    (p) =>
      (!filter.provinceCodes || filter.provinceCodes.includes(p.province)) &&
      (!filter.communeCodes || (p.commune !== null && filter.communeCodes.includes(p.commune))) &&
      (!filter.officeIds || (p.office !== null && filter.officeIds.includes(p.office))),
  );
  // "the union over their active assignments" — all of them, in the group or not.
  const sectorsOf = (person: string) =>
    new Set(all.filter((p) => p.person === person).flatMap((p) => p.row.sectors));
  const limit = twoYearsBefore(opts.asOf);

  const groups = new Map<
    string,
    { keys: (string | null)[]; posts: Post[]; gaps: ExpectedStaff['sectorGaps'] }
  >();
  const group = (keys: (string | null)[]) => {
    const k = JSON.stringify(keys);
    let g = groups.get(k);
    if (!g) {
      g = { keys, posts: [], gaps: [] };
      groups.set(k, g);
    }
    return g;
  };
  for (const p of posts) group(groupBy.map((d) => keyOf(p, d))).posts.push(p);

  // Sector gaps: each current commune in the filter with no active post there handling a key
  // sector. A gap belongs to a commune, so grouping or filtering by office shows none.
  if (!groupBy.includes('OFFICE') && !filter.officeIds) {
    const communes = fx.communes.filter(
      (c) =>
        (!filter.provinceCodes || filter.provinceCodes.includes(fx.province)) &&
        (!filter.communeCodes || filter.communeCodes.includes(c)),
    );
    for (const c of communes) {
      const covered = new Set(posts.filter((p) => p.commune === c).flatMap((p) => p.row.sectors));
      const missing = KEY_SECTORS.filter((s) => !covered.has(s));
      if (missing.length > 0)
        group(groupBy.map((d) => keyOf({ province: fx.province, commune: c, office: null }, d))).gaps.push({
          commune: c,
          missingSectors: [...missing],
        });
    }
  }
  if (groupBy.length === 0) group([]);

  return [...groups.values()]
    .sort((a, b) => compareKeys(a.keys, b.keys))
    .map((g) => {
      const people = [...new Set(g.posts.map((p) => p.person))];
      const row: ExpectedStaff = {
        headcount: people.length,
        byCategory: [],
        multiSector: 0,
        seconded: 0,
        serviceCentreStaff: 0,
        serviceCentreUnderTwoYears: 0,
        serviceCentreStartUnknown: 0,
        trainingMismatches: 0,
        trainingUnknown: 0,
        sectorGaps: g.gaps,
      };
      const categories = new Map<string, number>();
      for (const person of people) {
        const mine = g.posts.filter((p) => p.person === person);
        for (const c of new Set(mine.map((p) => p.row.category ?? 'UNKNOWN')))
          categories.set(c, (categories.get(c) ?? 0) + 1);
        const sectors = sectorsOf(person);
        if (sectors.size >= 2) row.multiSector++;
        if (mine.some((p) => p.row.secondedFrom !== null)) row.seconded++;
        if (mine.some((p) => p.serviceCentre)) {
          row.serviceCentreStaff++;
          // "earliest service start": over every row of the person, active or not.
          const starts = fx.persons
            .get(person)!
            .map((r) => r.serviceStart)
            .filter((s): s is string => s !== null)
            .sort();
          if (starts.length === 0) row.serviceCentreStartUnknown++;
          else if (starts[0]! > limit) row.serviceCentreUnderTwoYears++;
        }
        const specialties = [
          ...new Set(fx.persons.get(person)!.flatMap((r) => (r.specialty ? [fold(r.specialty)] : []))),
        ];
        if (specialties.length === 0) row.trainingUnknown++;
        else {
          const prepared = new Set(
            specialties.flatMap((s) => {
              const sectorsFor = PREPARES_FOR[s];
              if (!sectorsFor) throw new Error(`staff-reader: no decision for the specialty "${s}"`);
              return sectorsFor;
            }),
          );
          if ([...sectors].some((s) => s !== 'OTHER' && !prepared.has(s))) row.trainingMismatches++;
        }
      }
      row.byCategory = [...categories]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([category, count]) => ({ category, count }));
      const keys: Partial<Record<'province' | 'commune' | 'office', string | null>> = {};
      groupBy.forEach((d, i) => {
        keys[d.toLowerCase() as 'province' | 'commune' | 'office'] = g.keys[i] ?? null;
      });
      return { ...keys, ...row };
    });
}

// ---------------------------------------------------------------------------------------------
// Dossiers (for workload): onestop/HoSos.csv, the one source the workload test syncs.

export interface Receipt {
  number: string;
  /** Current commune (CURRENT geography), or null: counted at province level only. */
  commune: string | null;
  /** Local calendar date received. */
  received: string;
}

const STATUSES = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
const CHANNELS = new Set(['1', '2', '3']);
const APPLICANTS = new Set(['Công dân', 'Doanh nghiệp', 'Tổ chức nhà nước', 'Tổ chức khác']);
const DURATION_UNITS = new Set(['Ngày làm việc', 'Ngày', 'Giờ']);
const DATE_FIELDS = [
  'NgayNopHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'NgayKetThucXuLy',
  'NgayTra',
  'NgayTuChoi',
  'NgayYeuCauBoSung',
  'NgayCongDanBoSung',
];

/** `yyyy-MM-dd HH:mm:ss[.fff]` local → epoch ms; 'BAD' for a date that does not exist or parse. */
function localTime(v: string | undefined): number | null | 'BAD' {
  if (!v || v === 'NULL') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/.exec(v);
  if (!m) return 'BAD';
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (new Date(t).getUTCDate() !== d || h! > 23 || mi! > 59 || s! > 59) return 'BAD';
  return t + Math.round(Number(m[7] ?? 0) * 1000) - LOCAL_MS;
}
const localDate = (t: number) => new Date(t + LOCAL_MS).toISOString().slice(0, 10);

/**
 * The one-stop dossiers as the hub must keep them (SOURCES.md "onestop" and "Rules that decide the
 * hard cases"): a malformed record is left out, a later record with the same number replaces an
 * earlier one unless it is malformed itself; the unit is the area `XaPhuongDiaBan` dated by the
 * received (else submitted) time — before 2025-07-01, or no longer a current code, it goes through
 * the crosswalk (a split old commune: province level only); a district code gives no commune.
 */
export function readReceipts(samples: string, reference: string): Receipt[] {
  const text = fs.readFileSync(path.join(samples, 'onestop', 'HoSos.csv'), 'utf8');
  const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
  const [header, ...data] = records;
  const communes = new Set(
    (
      parse(fs.readFileSync(path.join(reference, 'communes.csv'), 'utf8'), { columns: true }) as Record<
        string,
        string
      >[]
    ).map((c) => c.code!),
  );
  const crosswalk = new Map<string, Set<string>>();
  for (const r of parse(fs.readFileSync(path.join(reference, 'crosswalk.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[]) {
    crosswalk.set(
      r.old_commune_code!,
      (crosswalk.get(r.old_commune_code!) ?? new Set()).add(r.new_commune_code!),
    );
  }
  const byNumber = new Map<string, Receipt>();
  for (const cells of data) {
    if (cells.length !== header!.length) continue; // a row that does not parse
    const r = Object.fromEntries(
      header!.map((h, i) => [h, cells[i]!.trim() === 'NULL' ? '' : cells[i]!.trim()]),
    );
    const times = Object.fromEntries(DATE_FIELDS.map((f) => [f, localTime(r[f])]));
    const number = r.MaHoSo!;
    const bad =
      number === '' ||
      Object.values(times).includes('BAD') ||
      !STATUSES.has(r.TrangThaiHoSoId!) ||
      (r.KenhThucHien !== '' && !CHANNELS.has(r.KenhThucHien!)) ||
      (r.LoaiDoiTuong !== '' && !APPLICANTS.has(r.LoaiDoiTuong!.normalize('NFC'))) ||
      (r.LoaiThoiGianThucHien !== '' && !DURATION_UNITS.has(r.LoaiThoiGianThucHien!)) ||
      (r.ThoiGianThucHien !== '' && !/^\d+(\.\d+)?$/.test(r.ThoiGianThucHien!)) ||
      (r.TrangThaiDongBoDVC !== '' && !['0', '1'].includes(r.TrangThaiDongBoDVC!)) ||
      (times.NgayKetThucXuLy !== null &&
        times.NgayTiepNhan !== null &&
        times.NgayKetThucXuLy! < times.NgayTiepNhan!);
    if (bad) continue;
    const received = times.NgayTiepNhan as number | null;
    const dated = received ?? (times.NgayNopHoSo as number | null);
    const area = r.XaPhuongDiaBan || null;
    let commune: string | null = null;
    if (area !== null && area.length === 5) {
      if (dated !== null && localDate(dated) >= '2025-07-01' && communes.has(area)) commune = area;
      else {
        const next = [...(crosswalk.get(area) ?? [])];
        commune = next.length === 1 ? next[0]! : null;
      }
    }
    if (received === null) continue; // never received: not in any "received" count
    byNumber.set(number, { number, commune, received: localDate(received) });
  }
  return [...byNumber.values()];
}

export type WorkloadDimension = 'PROVINCE' | 'COMMUNE' | 'MONTH';
export interface ExpectedWorkload {
  province?: string | null;
  commune?: string | null;
  month?: string | null;
  received: number;
  activeStaff: number;
  months: number;
  perStaffPerMonth: { value: number | null; numerator: number; denominator: number };
}

/** The calendar months `from`…`to` touch, `yyyy-MM`. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push(k);
    if (k >= end) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * DESIGN.md §3 "Workload = dossiers received per active staff member of a unit per month": per
 * unit (and month), received / (active persons of the unit at asOf × months). The sources give no
 * staff history, so the headcount at asOf divides every month. A row for every unit (× month of the
 * period) that has active staff, and for every one where something was received; the province
 * level's `commune: null` holds the dossiers of no commune and the staff of provincial offices.
 */
export function expectedWorkload(
  fx: StaffFixture,
  receipts: readonly Receipt[],
  opts: {
    asOf: string;
    period: { from: string; to: string };
    groupBy: WorkloadDimension[];
    filter: { provinceCodes?: string[]; communeCodes?: string[] };
  },
): ExpectedWorkload[] {
  const { groupBy, filter, period } = opts;
  const units = groupBy.filter((d): d is 'PROVINCE' | 'COMMUNE' => d !== 'MONTH');
  const staffRows = expectedStaffStats(fx, { asOf: opts.asOf, groupBy: units, filter });
  const staffOf = new Map(
    staffRows.map((s) => [
      JSON.stringify(units.map((d) => (d === 'PROVINCE' ? s.province : s.commune) ?? null)),
      s.headcount,
    ]),
  );
  const months = groupBy.includes('MONTH') ? monthsOf(period.from, period.to) : [null];
  const inFilter = (r: Receipt) =>
    (!filter.provinceCodes || filter.provinceCodes.includes(fx.province)) &&
    (!filter.communeCodes || (r.commune !== null && filter.communeCodes.includes(r.commune)));
  const keysOf = (unit: Record<string, string | null>, month: string | null) =>
    groupBy.map((d) => (d === 'MONTH' ? month : (unit[d] ?? null)));
  const rows = new Map<string, { keys: (string | null)[]; received: number; staff: number }>();
  const at = (keys: (string | null)[], staff: number) => {
    const k = JSON.stringify(keys);
    let r = rows.get(k);
    if (!r) {
      r = { keys, received: 0, staff };
      rows.set(k, r);
    }
    return r;
  };
  for (const s of staffRows) {
    if (s.headcount === 0) continue;
    for (const month of months)
      at(keysOf({ PROVINCE: s.province ?? null, COMMUNE: s.commune ?? null }, month), s.headcount);
  }
  for (const r of receipts) {
    if (r.received < period.from || r.received > period.to || !inFilter(r)) continue;
    const unit = { PROVINCE: fx.province, COMMUNE: r.commune };
    const staff = staffOf.get(JSON.stringify(units.map((d) => unit[d]))) ?? 0;
    at(keysOf(unit, r.received.slice(0, 7)), staff).received++;
  }
  if (groupBy.length === 0) at([], staffOf.get('[]') ?? 0);
  const divide = groupBy.includes('MONTH') ? 1 : monthsOf(period.from, period.to).length;
  return [...rows.values()]
    .sort((a, b) => compareKeys(a.keys, b.keys))
    .map((r) => {
      const keys: Partial<Record<'province' | 'commune' | 'month', string | null>> = {};
      groupBy.forEach((d, i) => {
        keys[d.toLowerCase() as 'province' | 'commune' | 'month'] = r.keys[i] ?? null;
      });
      const denominator = r.staff * divide;
      return {
        ...keys,
        received: r.received,
        activeStaff: r.staff,
        months: divide,
        perStaffPerMonth: {
          value: denominator === 0 ? null : r.received / denominator,
          numerator: r.received,
          denominator,
        },
      };
    });
}
