import fs from 'node:fs';
import path from 'node:path';

/**
 * An INDEPENDENT reader of the KPI fixture (fixtures/kpi): plain parsing of the onestop CSV files
 * and the dvcqg JSON, and DESIGN.md §3 / SOURCES.md applied literally, with no code from src/ or
 * connectors/. The KPI tests compare the API's answers with what this file computes.
 */
const LOCAL_MS = 7 * 3_600_000;
const HOUR = 3_600_000;

export interface Fact {
  number: string;
  province: string;
  /** Current commune, or null when the dossier counts at province level only. */
  commune: string | null;
  /** The commune as reported (geography AS_REPORTED). */
  reported: string | null;
  channel: string | null;
  status: string;
  submittedAt: number | null;
  receivedAt: number | null;
  settledAt: number | null;
  refusedAt: number | null;
  due: number | null;
  pauses: { start: number; end: number | null }[];
  fullOnline: boolean;
}

/** RFC 4180: quotes, doubled quotes, CRLF or LF, a BOM. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...data] = rows;
  return data
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] === 'NULL' ? '' : (r[i] ?? '').trim()])));
}

/** `yyyy-MM-dd HH:mm:ss` or `yyyyMMddHHmmss`, local time → epoch ms. */
function local(text: string | undefined): number | null {
  if (!text) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text);
  if (!m) throw new Error(`kpi-reader: not a local time: ${text}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - LOCAL_MS;
}

export const localDate = (t: number): string => new Date(t + LOCAL_MS).toISOString().slice(0, 10);
export const localTime = (t: number): string => new Date(t + LOCAL_MS).toISOString().slice(11, 23);

/** Working calendar: Mon–Fri, 07:00–11:30 and 13:30–17:00 local, minus holidays. */
function addWorkingHours(start: number, hours: number, holidays: Set<string>): number {
  let remaining = hours * HOUR;
  let t = start + LOCAL_MS; // local ms
  for (;;) {
    const day = Math.floor(t / (24 * HOUR)) * 24 * HOUR;
    const date = new Date(day).toISOString().slice(0, 10);
    const wd = new Date(day).getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(date)) {
      for (const [from, to] of [
        [7, 11.5],
        [13.5, 17],
      ] as const) {
        const s = day + from * HOUR;
        const e = day + to * HOUR;
        if (t < s) t = s;
        if (t < e) {
          if (remaining <= e - t) return t + remaining - LOCAL_MS;
          remaining -= e - t;
          t = e;
        }
      }
    }
    t = day + 24 * HOUR;
  }
}

const STATUS: Record<string, string> = {
  '1': 'SUBMITTED',
  '2': 'ACCEPTED',
  '3': 'REFUSED',
  '4': 'PROCESSING',
  '5': 'SUPPLEMENT_REQUESTED',
  '6': 'AWAITING_PAYMENT',
  '7': 'WITHDRAWN',
  '8': 'STOPPED',
  '9': 'RESOLVED',
  '10': 'RETURNED',
};
const CHANNEL: Record<string, string> = { '1': 'IN_PERSON', '2': 'ONLINE', '3': 'POSTAL' };

interface Raw {
  number: string;
  office: string | null; // agency id
  area: string | null;
  channel: string | null;
  procedure: string | null; // national code
  duration: { value: number; unit: string } | null;
  submittedAt: number | null;
  receivedAt: number | null;
  dueAt: number | null;
  resolvedAt: number | null;
  returnedAt: number | null;
  refusedAt: number | null;
  status: string | null;
  rounds: { requested: number; back: number | null; newDue: number | null }[] | null;
}

const national = (code: string) => code.split('.').slice(0, 2).join('.');

export function readKpiFixture(dir: string, reference: string): Fact[] {
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const groups = parseCsv(read('onestop/Groups.csv'));
  const agencyOfGroup = new Map(groups.map((g) => [g.GroupCode!, g.MaDinhDanh!]));
  const communeOfAgency = new Map(groups.map((g) => [g.MaDinhDanh!, g.MaXa || null]));
  const procedures = new Map(
    parseCsv(read('onestop/ThuTucs.csv')).map((p) => [
      national(p.MaTTHC!),
      { full: p.MucDo === '4', duration: { value: Number(p.ThoiGianGiaiQuyet), unit: p.LoaiThoiGian! } },
    ]),
  );
  const holidays = new Set(parseCsv(read('onestop/NgayNghi.csv')).map((h) => h.Date!));
  const crosswalk = new Map<string, Set<string>>();
  for (const r of parseCsv(fs.readFileSync(path.join(reference, 'crosswalk.csv'), 'utf8'))) {
    const s = crosswalk.get(r.old_commune_code!) ?? new Set<string>();
    s.add(r.new_commune_code!);
    crosswalk.set(r.old_commune_code!, s);
  }
  const communes = new Map(
    parseCsv(fs.readFileSync(path.join(reference, 'communes.csv'), 'utf8')).map((c) => [
      c.code!,
      c.province_code!,
    ]),
  );

  const onestop: Raw[] = parseCsv(read('onestop/HoSos.csv')).map((r) => ({
    number: r.MaHoSo!,
    office: agencyOfGroup.get(r.DonViId!) ?? null,
    area: r.XaPhuongDiaBan || null,
    channel: CHANNEL[r.KenhThucHien!] ?? null,
    procedure: r.MaTTHC ? national(r.MaTTHC) : null,
    duration: r.ThoiGianThucHien
      ? { value: Number(r.ThoiGianThucHien), unit: r.LoaiThoiGianThucHien! }
      : null,
    submittedAt: local(r.NgayNopHoSo),
    receivedAt: local(r.NgayTiepNhan),
    dueAt: local(r.NgayHenTra),
    resolvedAt: local(r.NgayKetThucXuLy),
    returnedAt: local(r.NgayTra),
    refusedAt: local(r.NgayTuChoi),
    status: STATUS[r.TrangThaiHoSoId!] ?? null,
    rounds: r.NgayYeuCauBoSung
      ? [{ requested: local(r.NgayYeuCauBoSung)!, back: local(r.NgayCongDanBoSung), newDue: null }]
      : null,
  }));
  const envelopes = JSON.parse(read('dvcqg/kpi-dongbo.json')) as { data: Record<string, unknown>[] }[];
  const dvcqg: Raw[] = envelopes.flatMap((e) =>
    e.data.map((d) => {
      const s = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);
      const rounds = (d.DanhSachHoSoBoSung as Record<string, string>[] | undefined)?.map((b) => ({
        requested: local(b.NgayBoSung)!,
        back: local(b.NgayTiepNhanBoSung),
        newDue: local(b.NgayHenTraMoi),
      }));
      return {
        number: s('MaHoSo')!,
        office: s('MaHoSo')!.split('-')[0]!,
        area: null,
        channel: CHANNEL[s('KenhThucHien')!] ?? null,
        procedure: s('MaTTHC') ? national(s('MaTTHC')!) : null,
        duration: null,
        submittedAt: local(s('NgayNopHoSo')),
        receivedAt: local(s('NgayTiepNhan')),
        dueAt: local(s('NgayHenTra')),
        resolvedAt: local(s('NgayKetThucXuLy')),
        returnedAt: local(s('NgayTra')),
        refusedAt: local(s('NgayTuChoi')),
        status: STATUS[s('TrangThaiHoSo')!] ?? null,
        rounds: rounds && rounds.length > 0 ? rounds : null,
      };
    }),
  );

  // Merge: each field from the first source that has a value, onestop before dvcqg (SOURCES.md).
  const byNumber = new Map<string, Raw>();
  for (const r of [...onestop, ...dvcqg]) {
    const prev = byNumber.get(r.number);
    if (!prev) {
      byNumber.set(r.number, r);
      continue;
    }
    const merged = { ...prev } as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) if (merged[k] === null || merged[k] === undefined) merged[k] = v;
    byNumber.set(r.number, merged as unknown as Raw);
  }

  return [...byNumber.values()].map((r) => {
    const status = r.status!;
    const settledAt = status === 'RESOLVED' || status === 'RETURNED' ? (r.resolvedAt ?? r.returnedAt) : null;
    // Unit: the area dated by its record (received, else submitted), else the receiving office's.
    let commune: string | null;
    let reported: string | null;
    const dated = r.receivedAt ?? r.submittedAt;
    if (r.area) {
      reported = r.area;
      if (dated !== null && localDate(dated) < '2025-07-01') {
        const next = [...(crosswalk.get(r.area) ?? [])];
        commune = next.length === 1 ? next[0]! : null;
      } else commune = communes.has(r.area) ? r.area : null;
    } else {
      commune = communeOfAgency.get(r.office ?? '') ?? null;
      reported = commune;
    }
    // Due: the source's, else derived from the duration (own, else the procedure's).
    let due = r.dueAt;
    const duration = r.duration ?? procedures.get(r.procedure ?? '')?.duration ?? null;
    if (due === null && duration && r.receivedAt !== null) {
      if (duration.unit === 'Ngày làm việc')
        due = addWorkingHours(r.receivedAt, duration.value * 8, holidays);
      else if (duration.unit === 'Giờ') due = addWorkingHours(r.receivedAt, duration.value, holidays);
      else throw new Error('kpi-reader: calendar-day durations are not in this fixture');
    }
    const pauses: Fact['pauses'] = [];
    for (const round of [...(r.rounds ?? [])].sort((a, b) => a.requested - b.requested)) {
      const end = round.back ?? settledAt;
      pauses.push({ start: round.requested, end });
      if (round.newDue !== null) due = round.newDue;
      else if (due !== null && end !== null) due += end - round.requested;
    }
    return {
      number: r.number,
      province: commune ? communes.get(commune)! : '38',
      commune,
      reported,
      channel: r.channel,
      status,
      submittedAt: r.submittedAt,
      receivedAt: r.receivedAt,
      settledAt,
      refusedAt: r.refusedAt,
      due,
      pauses,
      fullOnline: procedures.get(r.procedure ?? '')?.full ?? false,
    };
  });
}

export type Policy = 'DAY' | 'EXACT' | 'WORKING_HALF_DAY';

/** EARLY / ON_TIME / LATE of a settled dossier, by the policies as the README reads them. */
export function timeliness(f: Fact, policy: Policy): 'EARLY' | 'ON_TIME' | 'LATE' {
  if (f.due === null) return 'ON_TIME';
  const sd = localDate(f.settledAt!);
  const dd = localDate(f.due);
  if (policy === 'EXACT') return f.settledAt! > f.due ? 'LATE' : sd < dd ? 'EARLY' : 'ON_TIME';
  if (sd < dd) return 'EARLY';
  if (sd > dd) return 'LATE';
  if (policy === 'DAY') return 'ON_TIME';
  const t = localTime(f.due);
  const limit =
    t >= '07:00:00.000' && t <= '11:30:00.000'
      ? '11:30:00.000'
      : t >= '13:30:00.000' && t <= '17:00:00.000'
        ? '17:00:00.000'
        : t;
  return localTime(f.settledAt!) <= limit ? 'ON_TIME' : 'LATE';
}

export interface Expected {
  received: number;
  online: number;
  inPerson: number;
  postal: number;
  channelUnknown: number;
  settled: number;
  early: number;
  onTime: number;
  late: number;
  withoutDueDate: number;
  withdrawn: number;
  refused: number;
  fullOnlineDossiers: number;
  fullOnlineOnline: number;
  backlog: number;
  pendingAcceptance: number;
  overdue: number;
}

const BACKLOG = ['ACCEPTED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'STOPPED'];
const PAUSED = ['SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'STOPPED'];

/** Status at asOf: not yet there, settled/refused/withdrawn by then, submitted, else the current one. */
function statusAt(f: Fact, asOf: number): string | null {
  const since = f.submittedAt ?? f.receivedAt;
  if (since === null || since > asOf) return null;
  if (f.settledAt !== null && f.settledAt <= asOf) return 'SETTLED';
  if (f.status === 'REFUSED') return f.refusedAt === null || f.refusedAt <= asOf ? 'REFUSED' : 'SUBMITTED';
  if (f.status === 'WITHDRAWN') return 'WITHDRAWN';
  if (f.receivedAt === null || f.receivedAt > asOf) return 'SUBMITTED';
  if (f.status === 'RESOLVED' || f.status === 'RETURNED') return 'PROCESSING';
  return f.status;
}

export function expected(
  facts: readonly Fact[],
  opts: { from: string; to: string; policy: Policy; asOf: number; key: (f: Fact, side: 'R' | 'S') => string },
): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const row = (k: string) => {
    let r = out.get(k);
    if (!r) {
      r = {
        received: 0,
        online: 0,
        inPerson: 0,
        postal: 0,
        channelUnknown: 0,
        settled: 0,
        early: 0,
        onTime: 0,
        late: 0,
        withoutDueDate: 0,
        withdrawn: 0,
        refused: 0,
        fullOnlineDossiers: 0,
        fullOnlineOnline: 0,
        backlog: 0,
        pendingAcceptance: 0,
        overdue: 0,
      };
      out.set(k, r);
    }
    return r;
  };
  const inPeriod = (t: number | null) => t !== null && localDate(t) >= opts.from && localDate(t) <= opts.to;
  for (const f of facts) {
    if (inPeriod(f.receivedAt)) {
      const r = row(opts.key(f, 'R'));
      r.received++;
      if (f.channel === 'ONLINE') r.online++;
      else if (f.channel === 'IN_PERSON') r.inPerson++;
      else if (f.channel === 'POSTAL') r.postal++;
      else r.channelUnknown++;
      if (f.status === 'WITHDRAWN') r.withdrawn++;
      if (f.status === 'REFUSED') r.refused++;
      if (f.fullOnline) {
        r.fullOnlineDossiers++;
        if (f.channel === 'ONLINE') r.fullOnlineOnline++;
      }
    }
    if (f.settledAt !== null && inPeriod(f.settledAt)) {
      const r = row(opts.key(f, 'S'));
      r.settled++;
      if (f.due === null) r.withoutDueDate++;
      const t = timeliness(f, opts.policy);
      if (t === 'EARLY') r.early++;
      else if (t === 'ON_TIME') r.onTime++;
      else r.late++;
    }
    const s = statusAt(f, opts.asOf);
    if (s !== null && (BACKLOG.includes(s) || s === 'SUBMITTED')) {
      const r = row(opts.key(f, 'R'));
      if (s === 'SUBMITTED') r.pendingAcceptance++;
      else {
        r.backlog++;
        const paused =
          PAUSED.includes(s) ||
          f.pauses.some((p) => p.start <= opts.asOf && (p.end === null || p.end > opts.asOf));
        if (!paused && f.due !== null && f.due < opts.asOf) r.overdue++;
      }
    }
  }
  return out;
}
