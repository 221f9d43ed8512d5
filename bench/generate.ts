/**
 * Deterministic generator of large source exports for benchmarks (SYNTHETIC data).
 *
 *   tsx bench/generate.ts dvcqg <file.jsonl> <count>
 *   tsx bench/generate.ts onestop <folder> <count>
 *
 * Same seed, same count → the same bytes. Output is streamed to disk with back-pressure, so memory
 * stays flat whatever the count. Values are realistic: Thanh Hóa's real commune codes (current ones,
 * and old ones from the crosswalk for dossiers received before 2025-07-01), a mix of statuses,
 * channels, procedures and offices, local times in each source's format.
 *
 * dvcqg layout: JSON Lines, one `DongBoHoSoMC` envelope per line holding 100 dossiers (the last one
 * fewer), which is how provincial systems push batches to the portal; `count` is the number of
 * dossiers, so dossiers/s is measured directly.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REFERENCE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/reference');
const PROVINCE = '38';
const PER_ENVELOPE = 100;

/** mulberry32: small, fast, good enough for test data; seeded so runs repeat. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Units {
  current: string[];
  old: string[];
}
function provinceUnits(): Units {
  const current = readFileSync(join(REFERENCE, 'communes.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[3] === PROVINCE)
    .map((f) => f[0]!);
  const old = [
    ...new Set(
      readFileSync(join(REFERENCE, 'crosswalk.csv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .filter((f) => f[4] === PROVINCE && f[0] !== '')
        .map((f) => f[0]!),
    ),
  ];
  return { current, old };
}

const PROCEDURES = [
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    sector: 'HT',
    sectorName: 'Hộ tịch',
    days: 1,
    unit: 'Ngày làm việc',
    level: '4',
    cap: 'Cấp Xã',
  },
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    sector: 'HT',
    sectorName: 'Hộ tịch',
    days: 1,
    unit: 'Ngày làm việc',
    level: '4',
    cap: 'Cấp Xã',
  },
  {
    code: '2.000908',
    name: 'Chứng thực bản sao từ bản chính',
    sector: 'CT',
    sectorName: 'Chứng thực',
    days: 4,
    unit: 'Giờ',
    level: '2',
    cap: 'Cấp Xã',
  },
  {
    code: '1.004227',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    sector: 'XD',
    sectorName: 'Xây dựng',
    days: 15,
    unit: 'Ngày',
    level: '3',
    cap: 'Cấp Xã',
  },
  {
    code: '2.001711',
    name: 'Đăng ký thành lập hộ kinh doanh',
    sector: 'HKD',
    sectorName: 'Hộ kinh doanh',
    days: 3,
    unit: 'Ngày làm việc',
    level: '4',
    cap: 'Cấp Xã',
  },
  {
    code: '1.003003',
    name: 'Cấp Phiếu lý lịch tư pháp',
    sector: 'LLTP',
    sectorName: 'Lý lịch tư pháp',
    days: 10,
    unit: 'Ngày làm việc',
    level: '4',
    cap: 'Cấp Tỉnh',
  },
] as const;
const NAMES = [
  'Nguyễn Văn Hùng',
  'Lê Thị Lan',
  'Trịnh Đức Thắng',
  'Hoàng Thu Hương',
  'Phạm Minh Dũng',
  'Đỗ Ngọc Yến',
  'Mai Quốc Tuấn',
  'Bùi Thị Thảo',
];
const STATUSES = ['2', '4', '4', '5', '9', '10', '10', '10', '10', '3', '7'];
const APPLICANT_TEXT = ['Công dân', 'Doanh nghiệp', 'Tổ chức nhà nước', 'Tổ chức khác'];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Minutes since 2025-01-01 00:00 local → parts; every month has a fixed 28 days here, all real dates. */
function localParts(minutes: number): [number, number, number, number, number] {
  const day = Math.floor(minutes / 1440);
  const month = Math.floor(day / 28) % 12;
  return [2025, month + 1, (day % 28) + 1, Math.floor((minutes % 1440) / 60), minutes % 60];
}
const compactTime = (m: number) => {
  const [y, mo, d, h, mi] = localParts(m);
  return `${y}${pad2(mo)}${pad2(d)}${pad2(h)}${pad2(mi)}00`;
};
const isoTime = (m: number) => {
  const [y, mo, d, h, mi] = localParts(m);
  return `${y}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:00`;
};
/** 2025-07-01 00:00 local in generator minutes (month index 6 × 28 days). */
const REFORM = 6 * 28 * 1440;

interface Generated {
  number: string;
  office: number;
  proc: (typeof PROCEDURES)[number];
  channel: string;
  applicant: number;
  name: string;
  id: string;
  area: string;
  submitted: number;
  received: number;
  due: number | null;
  status: string;
  resolved: number | null;
  returned: number | null;
  refused: number | null;
  supplement: [number, number | null] | null;
}

/** The i-th dossier of a run (deterministic given the PRNG state). */
function dossier(i: number, rand: () => number, units: Units): Generated {
  const received = Math.floor(rand() * 12 * 28 * 1440 * 0.75); // January–September
  const office = Math.floor(rand() * 40);
  const proc = PROCEDURES[Math.floor(rand() * PROCEDURES.length)]!;
  const status = STATUSES[Math.floor(rand() * STATUSES.length)]!;
  const area =
    received < REFORM && rand() < 0.6
      ? units.old[Math.floor(rand() * units.old.length)]!
      : units.current[Math.floor(rand() * units.current.length)]!;
  const [y, mo, d] = localParts(received);
  const prefix = office === 0 ? '000.00.13.H56' : `000.${pad2(office)}.50.H56`;
  const settle = received + 60 + Math.floor(rand() * 4000);
  const supplement: Generated['supplement'] =
    status === '5' ? [received + 600, null] : rand() < 0.05 ? [received + 300, received + 1800] : null;
  return {
    number: `${prefix}-${String(y).slice(2)}${pad2(mo)}${pad2(d)}-${String(i).padStart(6, '0')}`,
    office,
    proc,
    channel: String(1 + Math.floor(rand() * 3)),
    applicant: rand() < 0.85 ? 0 : 1 + Math.floor(rand() * 3),
    name: NAMES[Math.floor(rand() * NAMES.length)]!,
    id: `038${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    area,
    submitted: Math.max(0, received - Math.floor(rand() * 600)),
    received,
    due: rand() < 0.1 ? null : received + proc.days * 1440,
    status,
    resolved: status === '9' || status === '10' ? settle : null,
    returned: status === '10' ? settle + 120 : null,
    refused: status === '3' ? received + 30 : null,
    supplement,
  };
}

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** `count` dossiers as dvcqg JSON Lines, 100 per envelope. */
export async function generateDvcqgJsonl(path: string, count: number, seed = 38): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const rand = prng(seed);
  const units = provinceUnits();
  const out = createWriteStream(path, { encoding: 'utf8' });
  let batch: unknown[] = [];
  let envelopes = 0;
  const flush = async () => {
    envelopes++;
    const envelope = {
      session: `bench-${envelopes}`,
      madonvi: '000.00.00.H56',
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: batch,
    };
    await write(out, `${JSON.stringify(envelope)}\n`);
    batch = [];
  };
  for (let i = 1; i <= count; i++) {
    const d = dossier(i, rand, units);
    batch.push({
      MaHoSo: d.number,
      MaTTHC: i % 3 === 0 ? d.proc.code : `${d.proc.code}.000.00.00.H56`,
      TenTTHC: d.proc.name,
      MaLinhVuc: d.proc.sector,
      TenLinhVuc: d.proc.sectorName,
      KenhThucHien: d.channel,
      ChuHoSo: d.name,
      LoaiDoiTuong: String(d.applicant + 1),
      MaDoiTuong: '',
      SoGiayToChuHoSo: d.id,
      DinhDanhCHS: d.applicant === 0 ? [{ LoaiDinhDanh: '1', SoDinhDanh: d.id }] : [],
      TrichYeuHoSo: `${d.proc.name} cho ${d.name}`,
      NgayNopHoSo: compactTime(d.submitted),
      NgayTiepNhan: compactTime(d.received),
      NgayHenTra: d.due === null ? '' : compactTime(d.due),
      TrangThaiHoSo: d.status,
      NgayTra: d.returned === null ? '' : compactTime(d.returned),
      NgayKetThucXuLy: d.resolved === null ? '' : compactTime(d.resolved),
      NgayTuChoi: d.refused === null ? '' : compactTime(d.refused),
      DonViXuLy:
        d.office === 0 ? 'Trung tâm Phục vụ hành chính công tỉnh' : `Ủy ban nhân dân xã số ${d.office}`,
      GhiChu: '',
      HoSoCoThanhPhanSoHoa: d.channel === '2' ? '1' : '0',
      DuocThanhToanTrucTuyen: '0',
      DanhSachHoSoBoSung:
        d.supplement === null
          ? []
          : [
              {
                HoSoBoSungId: `${i}-1`,
                NgayBoSung: compactTime(d.supplement[0]),
                NgayTiepNhanBoSung: d.supplement[1] === null ? '' : compactTime(d.supplement[1]),
                NgayHenTraTruoc: d.due === null ? '' : compactTime(d.due),
                NgayHenTraMoi: '',
              },
            ],
    });
    if (batch.length === PER_ENVELOPE) await flush();
  }
  if (batch.length > 0) await flush();
  await close(out);
}

const csvField = (v: string | null) =>
  v === null ? 'NULL' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
const csvLine = (values: (string | null)[]) => `${values.map(csvField).join(',')}\r\n`;

/** A onestop folder: `count` rows of HoSos.csv plus small Groups, ThuTucs and NgayNghi tables. */
export async function generateOnestopFolder(dir: string, count: number, seed = 38): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rand = prng(seed);
  const units = provinceUnits();

  const groups = createWriteStream(join(dir, 'Groups.csv'), { encoding: 'utf8' });
  await write(
    groups,
    csvLine(['GroupCode', 'GroupName', 'OfGroupCode', 'Catalog', 'MaDinhDanh', 'MaTinh', 'MaXa']),
  );
  await write(
    groups,
    csvLine([
      'G00',
      'Trung tâm Phục vụ hành chính công tỉnh',
      null,
      'trung-tam-hcc',
      'H56.13',
      PROVINCE,
      null,
    ]),
  );
  for (let o = 1; o < 40; o++) {
    const commune = units.current[o % units.current.length]!;
    await write(
      groups,
      csvLine([
        `G${pad2(o)}`,
        `Ủy ban nhân dân xã số ${o}`,
        null,
        'xa-phuong',
        `000.${pad2(o)}.50.H56`,
        PROVINCE,
        commune,
      ]),
    );
  }
  await close(groups);

  const procedures = createWriteStream(join(dir, 'ThuTucs.csv'), { encoding: 'utf8' });
  await write(
    procedures,
    csvLine([
      'MaTTHC',
      'TenTTHC',
      'MaLinhVucChinh',
      'LinhVucChinh',
      'CapThucHien',
      'MucDo',
      'ThoiGianGiaiQuyet',
      'LoaiThoiGian',
    ]),
  );
  for (const p of PROCEDURES) {
    await write(
      procedures,
      csvLine([
        `${p.code}.000.00.00.H56`,
        p.name,
        p.sector,
        p.sectorName,
        p.cap,
        p.level,
        String(p.days),
        p.unit,
      ]),
    );
  }
  await close(procedures);

  const holidays = createWriteStream(join(dir, 'NgayNghi.csv'), { encoding: 'utf8' });
  await write(
    holidays,
    'Date,Description\r\n2025-04-30,Ngày Chiến thắng\r\n2025-05-01,Quốc tế Lao động\r\n2025-09-01,Quốc khánh\r\n2025-09-02,Quốc khánh\r\n',
  );
  await close(holidays);

  const out = createWriteStream(join(dir, 'HoSos.csv'), { encoding: 'utf8' });
  await write(
    out,
    `\uFEFF${csvLine([
      'MaHoSo',
      'MaHoSoKhac',
      'DonViId',
      'KenhThucHien',
      'LoaiDoiTuong',
      'ChuHoSo',
      'SoGiayToChuHoSo',
      'MaTTHC',
      'TenTTHC',
      'MaLinhVuc',
      'TenLinhVuc',
      'ThoiGianThucHien',
      'LoaiThoiGianThucHien',
      'NgayNopHoSo',
      'NgayTiepNhan',
      'NgayHenTra',
      'NgayKetThucXuLy',
      'NgayTra',
      'NgayTuChoi',
      'TrangThaiHoSoId',
      'NgayYeuCauBoSung',
      'NgayCongDanBoSung',
      'XaPhuongDiaBan',
      'TrangThaiDongBoDVC',
    ])}`,
  );
  const t = (m: number | null) => (m === null ? null : isoTime(m));
  for (let i = 1; i <= count; i++) {
    const d = dossier(i, rand, units);
    await write(
      out,
      csvLine([
        d.number,
        null,
        `G${pad2(d.office)}`,
        d.channel,
        APPLICANT_TEXT[d.applicant]!,
        d.name,
        d.id,
        `${d.proc.code}.000.00.00.H56`,
        d.proc.name,
        d.proc.sector,
        d.proc.sectorName,
        String(d.proc.days),
        d.proc.unit,
        t(d.submitted),
        t(d.received),
        t(d.due),
        t(d.resolved),
        t(d.returned),
        t(d.refused),
        d.status,
        d.supplement === null ? null : t(d.supplement[0]),
        d.supplement === null ? null : t(d.supplement[1]),
        d.area,
        i % 7 === 0 ? '0' : '1',
      ]),
    );
  }
  await close(out);
}

async function main(argv: string[]): Promise<void> {
  const [kind, path, rawCount] = argv;
  const count = Number(rawCount);
  if (!path || !Number.isInteger(count) || count < 0 || (kind !== 'dvcqg' && kind !== 'onestop')) {
    console.error('usage: tsx bench/generate.ts dvcqg <file.jsonl> <count> | onestop <folder> <count>');
    process.exitCode = 2;
    return;
  }
  if (kind === 'dvcqg') await generateDvcqgJsonl(path, count);
  else await generateOnestopFolder(path, count);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
