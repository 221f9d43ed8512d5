/**
 * A large SYNTHETIC staff list for the benchmark (connector `cadre`, SOURCES.md "cadre"):
 *
 *   npx tsx bench/generate-cadre.ts <file.xlsx> <rows>
 *
 * Written with exceljs' streaming WorkbookWriter (rows are committed as they are written, so
 * 100,000 rows never sit in memory) and a seeded generator: the same arguments give the same cells.
 * The layout is a real province's: merged title rows, the header, data, a blank row, the footer.
 * Every row is valid (the benchmark measures reading, not quarantine), with the usual mix of text
 * and serial dates, decimal commas, several sectors, and people listed twice (two assignments).
 */
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { COLUMNS } from '../connectors/cadre/columns.js';

/** The header row, in the order SOURCES.md lists the columns (the connector's own list). */
const HEADER: string[] = Object.values(COLUMNS);

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Lường',
  'Cao',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thu', 'Đức', 'Hữu', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];
const OFFICES: Array<[string, string]> = [
  ['000.01.50.H56', 'UBND phường Hạc Thành'],
  ['000.02.50.H56', 'UBND phường Hàm Rồng'],
  ['000.03.50.H56', 'UBND phường Đông Sơn'],
  ['000.04.50.H56', 'UBND phường Nguyệt Viên'],
  ['H56.14', 'Sở Tài chính'],
  ['H56.18', 'Sở Nội vụ'],
];
const CATEGORIES = ['Cán bộ', 'Công chức', 'Viên chức', 'Hợp đồng lao động'];
const STATUSES = [
  'Đang công tác',
  'Đang công tác',
  'Đang công tác',
  'Nghỉ hưu',
  'Nghỉ theo Nghị định 178',
  'Chuyển công tác',
];
const LEVELS = ['Trung cấp', 'Cao đẳng', 'Đại học', 'Đại học', 'Thạc sĩ', 'Tiến sĩ'];
const SECTORS = [
  'Đất đai',
  'Xây dựng',
  'Tài chính',
  'Tư pháp',
  'Hộ tịch',
  'Văn hóa',
  'Y tế',
  'Giáo dục',
  'Nội vụ',
];
const GRADES = ['01.003', '01.002', '01.004', '06.031', '13.095'];

/** mulberry32: a tiny seeded PRNG, so a run is reproducible from its arguments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Writes `rows` staff rows to `file`. Resolves when the workbook is committed to disk. Text goes
 * inline by default; `sharedStrings: true` writes Excel's own layout (a shared-strings table).
 */
export async function generateCadreWorkbook(
  file: string,
  rows: number,
  options: { seed?: number; sharedStrings?: boolean } = {},
): Promise<void> {
  const { seed = 38, sharedStrings = false } = options;
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: sharedStrings,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Danh sách');
  const titles = [
    'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC (SYNTHETIC)',
    'TỈNH THANH HÓA',
    '(Tính đến ngày 15/08/2025)',
  ];
  titles.forEach((t, i) => {
    sheet.mergeCells(i + 1, 1, i + 1, HEADER.length);
    sheet.getRow(i + 1).getCell(1).value = t;
    sheet.getRow(i + 1).commit();
  });
  sheet.getRow(5).values = HEADER;
  sheet.getRow(5).commit();

  let person = 0;
  let previous: Array<string | number | null> | null = null;
  for (let i = 0; i < rows; i++) {
    let values: Array<string | number | null>;
    // About one row in twenty is the previous person's second assignment (another office).
    if (previous !== null && next() < 0.05) {
      const [ref, name] = OFFICES[(OFFICES.findIndex(([r]) => r === previous![5]) + 1) % OFFICES.length]!;
      values = [...previous];
      values[5] = ref;
      values[6] = name;
      values[15] = previous[5]!;
      previous = null;
    } else {
      person++;
      const year = 1960 + Math.floor(next() * 45);
      const month = 1 + Math.floor(next() * 12);
      const day = 1 + Math.floor(next() * 28);
      const female = next() < 0.5;
      const [ref, name] = pick(OFFICES);
      const sectorCount = 1 + Math.floor(next() * 2);
      const sectors = Array.from({ length: sectorCount }, () => pick(SECTORS)).join('; ');
      const coefficient = (2.34 + Math.floor(next() * 30) * 0.33).toFixed(2).replace('.', ',');
      const startYear = Math.min(2025, year + 22 + Math.floor(next() * 10));
      values = [
        i + 1,
        `${pick(FAMILY)} ${female ? 'Thị' : pick(MIDDLE)} ${pick(GIVEN)}`,
        `038${female ? 1 : 0}${pad(year % 100, 2)}${pad(person, 6)}`,
        next() < 0.5 ? serial(year, month, day) : `${pad(day, 2)}/${pad(month, 2)}/${year}`,
        female ? 'Nữ' : 'Nam',
        ref,
        name,
        pick(['Chuyên viên', 'Công chức', 'Phó Trưởng phòng', 'Kế toán', 'Văn thư']),
        pick(CATEGORIES),
        pick(GRADES),
        coefficient,
        next() < 0.5 ? serial(startYear, 9, 1) : `01/09/${startYear}`,
        sectors,
        pick(LEVELS),
        pick(['Luật', 'Kinh tế', 'Kế toán', 'Công nghệ thông tin', 'Quản lý đất đai']),
        null,
        pick(STATUSES),
        next() < 0.3 ? 'UBND xã Đông Hoàng' : null,
      ];
      previous = values;
    }
    values[0] = i + 1;
    const row = sheet.getRow(6 + i);
    row.values = values;
    for (const c of [4, 12]) if (typeof values[c - 1] === 'number') row.getCell(c).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  // A blank row, then the footer in the name column.
  const footer = 6 + rows + 1;
  sheet.getRow(footer).values = [
    null,
    'Người lập biểu',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    'Thủ trưởng đơn vị',
  ];
  sheet.getRow(footer).commit();
  sheet.commit();
  await workbook.commit();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, count] = process.argv.slice(2);
  const rows = Number(count);
  if (file === undefined || !Number.isSafeInteger(rows) || rows < 1) {
    console.error('usage: tsx bench/generate-cadre.ts <file.xlsx> <rows>   (rows: a positive integer)');
    process.exit(2);
  }
  await generateCadreWorkbook(file, rows);
  console.log(`wrote ${rows} staff rows to ${file}`);
}
