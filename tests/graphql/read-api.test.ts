import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectors } from '../../connectors/index.js';
import { fold } from '../../connectors/shared/text.js';
import { agencyIdToLong } from '../../schema/canonical/identifiers.js';
import type { StaffCandidate } from '../../schema/canonical/records.js';
import type { Database } from '../../src/db/database.js';
import type { SyncResult } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import { type Data, lineOf, localToUtc, ok, readCsv, run, SAMPLES, syncSamples } from './support.js';

/**
 * The read API over what the sync engine stores, on the sample exports (fixtures/samples/README.md
 * lists every quirk used here). Expected values come from the fixture files, read here.
 */
const crosswalk = fs
  .readFileSync(path.resolve('fixtures/reference/crosswalk.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split(','));
/** Current communes an old commune code passed into (official conversion table). */
const successorsOf = (oldCode: string) =>
  [...new Set(crosswalk.filter((c) => c[0] === oldCode).map((c) => c[6]!))].sort();
const oldNameOf = (oldCode: string) => crosswalk.find((c) => c[0] === oldCode)![1]!;

const hoSos = readCsv('onestop', 'HoSos.csv');
const hoSo = (number: string) => hoSos.find((r) => r.MaHoSo?.trim() === number)!;

describe.each(engines)('the read API on the sample exports on $name', (engine) => {
  let database: Database;
  let runs: Map<string, SyncResult>;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    runs = await syncSamples(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('finds a dossier by its long number, its short form and a MaHoSoKhac alias', async () => {
    // dvcqg writes 000.00.13.H56-250703-0012 short (README: onestop line 35).
    const dvcqgText = fs.readFileSync(path.join(SAMPLES, 'dvcqg', '2025-07-dongbo.json'), 'utf8');
    const short = /"MaHoSo":\s*"(H56\.13-250703-0012)"/.exec(dvcqgText)![1]!;
    const aliased = hoSo('000.05.50.H56-250721-0047');
    expect(aliased.MaHoSoKhac).not.toBe('NULL');
    const data = await ok(
      database,
      `query($long: String!, $short: String!, $alias: String!) {
        long: dossier(code: $long) { id number aliases { alias system } }
        short: dossier(code: $short) { id }
        alias: dossier(code: $alias) { id aliases { alias } }
        none: dossier(code: "000.00.13.H56-990101-9999") { id }
      }`,
      { long: '000.00.13.H56-250703-0012', short, alias: aliased.MaHoSoKhac },
    );
    expect(data.long.id).toBe('000.00.13.H56-250703-0012');
    // Its own number is listed among the numbers it is known by, with the system that gave it.
    expect(data.long.aliases).toContainEqual({ alias: '000.00.13.H56-250703-0012', system: 'onestop' });
    expect(data.short.id).toBe('000.00.13.H56-250703-0012');
    expect(data.alias.id).toBe(aliased.MaHoSo);
    expect(data.alias.aliases.map((a: Data) => a.alias)).toContain(aliased.MaHoSoKhac);
    expect(data.none).toBeNull();
  });

  it("shows a merged dossier's lineage (every source, locator, run) and its conflicts", async () => {
    const number = '000.01.50.H56-250812-0057';
    const row = hoSo(number);
    const data = await ok(
      database,
      `query($n: String!) { dossier(code: $n) {
        sources { source kind recordType key locator { file line pointer } runId run { id source status } contentHash }
        conflicts { field values { source value } chosenValue chosenSource rule }
      } }`,
      { n: number },
    );
    const { sources, conflicts } = data.dossier;
    // README "Cross-source dossiers": onestop, dvcqg, igate line 1, hotich line 1.
    const dossierSources = new Set(
      sources.filter((s: Data) => s.recordType === 'dossier').map((s: Data) => s.source),
    );
    expect(dossierSources).toEqual(new Set(['onestop', 'dvcqg', 'igate', 'hotich']));
    const onestop = sources.find((s: Data) => s.source === 'onestop' && s.recordType === 'dossier');
    expect(onestop.locator).toEqual({
      file: 'HoSos.csv',
      line: lineOf('onestop', 'HoSos.csv', number),
      pointer: null,
    });
    expect(onestop.run).toEqual({ id: runs.get('onestop')!.runId, source: 'onestop', status: 'PUBLISHED' });
    expect(onestop.contentHash).toMatch(/^[0-9a-f]{16,}$/);
    const igate = sources.find((s: Data) => s.source === 'igate' && s.recordType === 'dossier');
    expect(igate.locator).toMatchObject({ file: 'dossiers.jsonl', line: 1 });
    // The due date: onestop NgayHenTra vs the portal's (README line 46), onestop wins by precedence.
    const due = conflicts.find((c: Data) => c.field === 'dueAt');
    const onestopDue = localToUtc(row.NgayHenTra!);
    expect(due.values).toContainEqual({ source: 'onestop', value: onestopDue });
    expect(due.values.length).toBeGreaterThanOrEqual(2);
    expect(new Set(due.values.map((v: Data) => v.value)).size).toBeGreaterThan(1);
    expect(due).toMatchObject({ chosenValue: onestopDue, chosenSource: 'onestop', rule: 'precedence' });
    expect(conflicts.map((c: Data) => c.field)).toContain('channel');
  });

  it('gives the reported and current unit of an old-code dossier, and every candidate of an ambiguous one', async () => {
    const successor = hoSo('000.00.13.H56-250610-0037'); // old 14764, merged whole (README line 26)
    const ambiguous = hoSo('000.00.13.H56-250620-0038'); // old 14758, split (README line 27)
    const data = await ok(
      database,
      `{
        a: dossier(code: "000.00.13.H56-250610-0037") { unit { reportedCode reportedOn status legacyCode reported { code name validTo } current { code fullName } candidates { code } } }
        b: dossier(code: "000.00.13.H56-250620-0038") { unit { reportedCode status reported { code name } current { code } candidates { code fullName } } flags }
      }`,
    );
    const a = data.a.unit;
    expect(a.reportedCode).toBe(successor.XaPhuongDiaBan);
    expect(a.reportedOn).toBe(successor.NgayTiepNhan!.slice(0, 10));
    expect(a.status).toBe('SUCCESSOR');
    expect(a.legacyCode).toBe(false); // dated before 2025-07-01: an old code in its own time
    expect(a.reported).toMatchObject({
      code: successor.XaPhuongDiaBan,
      name: oldNameOf(successor.XaPhuongDiaBan!).replace(/^Phường /, ''),
    });
    expect(a.reported.validTo).toBe('2025-06-30');
    expect([a.current.code]).toEqual(successorsOf(successor.XaPhuongDiaBan!));
    expect(a.candidates).toEqual([]);

    const b = data.b.unit;
    expect(b.reportedCode).toBe(ambiguous.XaPhuongDiaBan);
    expect(b.status).toBe('AMBIGUOUS');
    expect(b.current).toBeNull();
    expect(b.reported.name).toBe(oldNameOf(ambiguous.XaPhuongDiaBan!).replace(/^Phường /, ''));
    expect(b.candidates.map((c: Data) => c.code).sort()).toEqual(successorsOf(ambiguous.XaPhuongDiaBan!));
    expect(successorsOf(ambiguous.XaPhuongDiaBan!).length).toBeGreaterThan(1);
    expect(data.b.flags).toContain('AMBIGUOUS_UNIT');
  });

  it('gives the due-date history: the original, then each supplement round, chained', async () => {
    const row = hoSo('000.02.50.H56-250724-0051'); // two supplement rounds (README line 40)
    const data = await ok(
      database,
      `{ dossier(code: "000.02.50.H56-250724-0051") {
        dueAt originalDueAt dueDerived
        dueRevisions { seq dueAt previousDueAt reason excusesLateness source }
        pauses { kind startedAt endedAt }
        events { seq at status }
      } }`,
    );
    const d = data.dossier;
    const revisions = d.dueRevisions;
    expect(revisions[0]).toMatchObject({
      seq: 0,
      dueAt: localToUtc(row.NgayHenTra!),
      previousDueAt: null,
      reason: 'ORIGINAL',
      excusesLateness: false,
    });
    expect(d.originalDueAt).toBe(localToUtc(row.NgayHenTra!));
    const rounds = revisions.filter((r: Data) => r.reason === 'SUPPLEMENT');
    expect(rounds.length).toBeGreaterThanOrEqual(1);
    for (const r of rounds) expect(r.excusesLateness).toBe(true);
    for (let i = 1; i < revisions.length; i++)
      expect(revisions[i].previousDueAt).toBe(revisions[i - 1].dueAt);
    expect(revisions.at(-1).dueAt).toBe(d.dueAt);
    expect(d.dueAt > d.originalDueAt).toBe(true);
    // The history: one event per QuaTrinhXuLyHoSos row of the dossier at least, in time order.
    const history = readCsv('onestop', 'QuaTrinhXuLyHoSos.csv').filter(
      (r) => r.MaHoSo === '000.02.50.H56-250724-0051',
    );
    expect(d.events.length).toBeGreaterThanOrEqual(history.length);
    const times = d.events.map((e: Data) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(d.pauses.map((p: Data) => p.kind)).toContain('SUPPLEMENT');
  });

  it('lists quarantine entries with every reason and their locator, and counts them per run', async () => {
    const data = await ok(
      database,
      `{ quarantine(sourceId: "onestop", first: 500) { totalCount nodes { id key recordType runId locator { file line } reasons { field expected found code severity } status payload run { id } } } }`,
    );
    const entries = data.quarantine.nodes;
    expect(data.quarantine.totalCount).toBe(runs.get('onestop')!.rejected);
    const status11 = entries.find((e: Data) => e.key === '000.03.50.H56-250707-0070'); // README line 60
    expect(status11.locator).toEqual({
      file: 'HoSos.csv',
      line: lineOf('onestop', 'HoSos.csv', '000.03.50.H56-250707-0070'),
    });
    expect(
      status11.reasons.some((r: Data) =>
        r.found.includes(hoSo('000.03.50.H56-250707-0070').TrangThaiHoSoId!),
      ),
    ).toBe(true);
    expect(status11).toMatchObject({
      status: 'OPEN',
      recordType: 'dossier',
      runId: runs.get('onestop')!.runId,
    });
    expect(status11.run.id).toBe(runs.get('onestop')!.runId);
    const three = entries.find((e: Data) => e.key === '000.05.50.H56-250711-0072'); // README line 62: three reasons
    expect(three.reasons.filter((r: Data) => r.severity === 'ERROR').length).toBeGreaterThanOrEqual(3);
    // The payload is personal data: the local operator has no purpose, so the applicant's name is masked.
    const raw = JSON.stringify(three.payload);
    expect(raw).not.toContain(hoSo('000.05.50.H56-250711-0072').ChuHoSo);
    // Per run: the entries of each run are as many as the run rejected.
    for (const [kind, result] of runs) {
      const perRun = await ok(
        database,
        `query($r: Int!) { quarantine(runId: $r, first: 0) { totalCount } }`,
        {
          r: result.runId,
        },
      );
      expect({ kind, n: perRun.quarantine.totalCount }).toEqual({ kind, n: result.rejected });
    }
  });

  it('masks the faulty value of a personal field in quarantine reasons unless the purpose allows', async () => {
    // fixtures/samples/make-cadre.ts: Lý Thị Ngọc's "Số định danh cá nhân" is 11 digits (neither CCCD nor CMND).
    const faulty = '03819500123';
    const query = `{ quarantine(sourceId: "cadre", first: 500) { nodes { reasons { field found } } } }`;
    const idReasons = (data: Data) =>
      data.quarantine.nodes
        .flatMap((e: Data) => e.reasons)
        .filter((r: Data) => r.field === 'Số định danh cá nhân');
    const steward = {
      principal: {
        id: 's',
        kind: 'local' as const,
        role: 'STEWARD' as const,
        provinces: '*' as const,
        purposes: [],
      },
    };
    const masked = idReasons(await ok(database, query, {}, steward));
    expect(masked.length).toBeGreaterThan(0);
    for (const r of masked) expect(r.found).not.toContain(faulty);
    const dataQuality = { principal: { ...steward.principal, purposes: ['DATA_QUALITY'] } };
    const shown = idReasons(await ok(database, query, {}, dataQuality));
    expect(shown.some((r: Data) => r.found.includes(faulty))).toBe(true);
  });

  it("lists sync runs newest first with the counts of the engine's summaries", async () => {
    const data = await ok(
      database,
      `{ syncRuns(first: 50) { totalCount nodes { id source kind status read inserted updated unchanged rejected warnings skippedFiles { file reason } finishedAt } } }`,
    );
    const nodes = data.syncRuns.nodes;
    expect(data.syncRuns.totalCount).toBe(runs.size);
    expect(nodes.map((n: Data) => n.id)).toEqual(
      [...runs.values()].map((r) => r.runId).sort((x, y) => y - x),
    );
    for (const [kind, r] of runs) {
      const node = nodes.find((n: Data) => n.id === r.runId);
      expect(node).toMatchObject({
        source: kind,
        kind,
        status: r.status,
        read: r.read,
        inserted: r.inserted,
        updated: r.updated,
        unchanged: r.unchanged,
        rejected: r.rejected,
        warnings: r.warnings,
      });
      expect(node.skippedFiles.map((s: Data) => s.file)).toEqual(r.skippedFiles.map((s) => s.file));
    }
    const one = await ok(database, `query($id: Int!) { syncRun(id: $id) { source } }`, {
      id: runs.get('dvcqg')!.runId,
    });
    expect(one.syncRun.source).toBe('dvcqg');
    const filtered = await ok(database, `{ syncRuns(sourceId: "igate") { totalCount } }`);
    expect(filtered.syncRuns.totalCount).toBe(1);
  });

  it('finds offices by short agency id and by system alias, with aliases and active staff count', async () => {
    const groups = readCsv('onestop', 'Groups.csv');
    const stc = groups.find((g) => g.MaDinhDanh === 'H56.14')!; // README: Groups.csv line 3, short form
    const data = await ok(
      database,
      `query($code: String!) {
        byShort: office(id: "H56.14") { id agencyId name kind closed aliases { system alias } staffCount unit { code } province { code } sources { source } }
        byAlias: office(id: $code) { id }
      }`,
      { code: stc.GroupCode },
    );
    expect(data.byShort).toMatchObject({
      id: '000.00.14.H56',
      agencyId: '000.00.14.H56',
      kind: 'DEPARTMENT',
      closed: false,
    });
    expect(data.byShort.aliases).toContainEqual({ system: 'onestop', alias: stc.GroupCode });
    expect(data.byAlias.id).toBe('000.00.14.H56');
    expect(data.byShort.province.code).toBe(stc.MaTinh);
    expect(new Set(data.byShort.sources.map((s: Data) => s.source))).toEqual(new Set(['onestop', 'lgsp']));

    // Staff counts, checked against the assignments table counted independently.
    const expected = await database.db
      .selectFrom('assignments')
      .select(['office_id', sql<number>`cast(count(distinct person_id) as integer)`.as('n')])
      .where('status', '=', 'ACTIVE')
      .groupBy('office_id')
      .execute();
    const list = await ok(
      database,
      `{ offices(first: 500, filter: { includeClosed: true }) { totalCount nodes { id closed staffCount } } }`,
    );
    const offices = await database.db.selectFrom('offices').select(['id', 'closed']).execute();
    expect(list.offices.totalCount).toBe(offices.length);
    for (const node of list.offices.nodes) {
      expect(node.staffCount).toBe(Number(expected.find((e) => e.office_id === node.id)?.n ?? 0));
    }
    const open = await ok(
      database,
      `{ offices(filter: { provinceCode: "38" }) { totalCount nodes { closed } } }`,
    );
    expect(open.offices.nodes.every((n: Data) => n.closed === false)).toBe(true);
    expect(open.offices.totalCount).toBe(offices.filter((o) => Number(o.closed) === 0).length);
  });

  it('finds a procedure by its local code in short and long form', async () => {
    const procedures = readCsv('onestop', 'ThuTucs.csv');
    const short = procedures.find((p) => /^\d\.\d{6}\.H56$/.test(p.MaTTHC!))!; // README: ThuTucs.csv line 3
    const national = short.MaTTHC!.replace(/\.H56$/, '');
    const data = await ok(
      database,
      `query($short: String!, $long: String!, $national: String!) {
        short: procedure(code: $short) { code name sectorCode aliases sources { source key } }
        long: procedure(code: $long) { code }
        national: procedure(code: $national) { code level durationUnit }
        list: procedures(sectorCode: "HT", first: 100) { nodes { code sectorCode } }
      }`,
      { short: short.MaTTHC, long: `${national}.000.00.00.H56`, national },
    );
    expect(data.short).toMatchObject({
      code: national,
      name: short.TenTTHC,
      sectorCode: short.MaLinhVucChinh,
    });
    expect(data.short.aliases).toContain(short.MaTTHC);
    expect(data.long.code).toBe(national);
    expect(data.national.code).toBe(national);
    expect(data.list.nodes.map((n: Data) => n.code)).toContain(national);
    expect(data.list.nodes.every((n: Data) => n.sectorCode === 'HT')).toBe(true);
  });

  it('pages through every dossier with keyset cursors: no gap, no repeat, totalCount right', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 100; i++) {
      const data: Data = await ok(
        database,
        `query($after: String) { dossiers(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = data.dossiers;
      total = page.totalCount;
      seen.push(...page.edges.map((e: Data) => e.node.id));
      if (page.edges.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // The engine's own collation orders the keys (PostgreSQL's may differ from JavaScript's sort).
    const all = (await database.db.selectFrom('dossiers').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all);
    // Every well-formed one-stop dossier is there (README: the MALFORMED lines 58–62 are not).
    const malformed = [
      'NULL',
      '000.02.50.H56-250627-0069',
      '000.03.50.H56-250707-0070',
      '000.01.50.H56-250710-0071',
    ];
    const wellFormed = hoSos
      .map((r) => r.MaHoSo?.trim() ?? '')
      .filter((n) => n !== '' && !malformed.includes(n) && n !== '000.05.50.H56-250711-0072');
    expect(wellFormed.length).toBeGreaterThanOrEqual(56);
    for (const n of wellFormed) expect(seen).toContain(n);
  });

  it('runs a fixed number of SQL statements for a page of dossiers with every nested field', async () => {
    const query = `query($n: Int!) { dossiers(first: $n) { nodes {
      id status aliases { alias }
      procedure { code name aliases }
      unit { status reported { code province { code } } current { code } candidates { code } }
      province { code }
      receivingOffice { id name aliases { alias } unit { code } staffCount }
      handlingOffice { id }
      events { seq at } pauses { kind } dueRevisions { seq }
      sources { source locator { file } run { id status } }
      conflicts { field values { source value } }
    } } }`;
    const counts: number[] = [];
    for (const n of [10, 50]) {
      database.statements.reset();
      const data = await ok(database, query, { n });
      expect(data.dossiers.nodes).toHaveLength(n);
      counts.push(database.statements.count);
    }
    expect(counts[0]).toBe(counts[1]);
    // One for the page, then one per loader round (procedure, units, offices, children, lineage…).
    expect(counts[1]).toBeLessThanOrEqual(20);
  });

  it('applies the province scope in the WHERE of every list and answers out-of-scope lookups as not found', async () => {
    const hanoi = {
      principal: {
        id: 'test',
        kind: 'local' as const,
        role: 'ADMIN' as const,
        provinces: ['01'],
        purposes: [],
      },
    };
    const data = await ok(
      database,
      `{ dossiers(first: 5) { totalCount nodes { id } } dossier(code: "000.00.13.H56-250703-0012") { id }
         offices { totalCount } office(id: "H56.14") { id } syncRuns { totalCount } quarantine { totalCount } staff { totalCount } }`,
      {},
      hanoi,
    );
    expect(data).toEqual({
      dossiers: { totalCount: 0, nodes: [] },
      dossier: null,
      offices: { totalCount: 0 },
      office: null,
      syncRuns: { totalCount: 0 },
      quarantine: { totalCount: 0 },
      staff: { totalCount: 0 },
    });
    const thanhHoa = { principal: { ...hanoi.principal, provinces: ['38'] } };
    const inScope = await ok(
      database,
      `{ dossiers(first: 0) { totalCount } quarantine(first: 0) { totalCount } }`,
      {},
      thanhHoa,
    );
    const all = await database.db
      .selectFrom('dossiers')
      .select('id')
      .where('province_code', '=', '38')
      .execute();
    expect(inScope.dossiers.totalCount).toBe(all.length);
    expect(inScope.quarantine.totalCount).toBeGreaterThan(0);
  });

  it('keeps person records and steward views to their roles, and masks applicants unless the purpose allows', async () => {
    const viewer = {
      principal: {
        id: 'v',
        kind: 'local' as const,
        role: 'VIEWER' as const,
        provinces: '*' as const,
        purposes: [],
      },
    };
    // Person records need ANALYST; dossiers' non-personal fields are open to VIEWER, applicants masked.
    const forbidden = await run(database, '{ staff { totalCount } }', {}, viewer);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viewed = await ok(
      database,
      '{ dossier(code: "000.05.50.H56-250915-0065") { status applicantName } }',
      {},
      viewer,
    );
    expect(viewed.dossier.status).toBeTruthy();
    expect(viewed.dossier.applicantName).not.toBe(hoSo('000.05.50.H56-250915-0065').ChuHoSo);
    const analyst = { principal: { ...viewer.principal, role: 'ANALYST' as const } };
    const steward = await run(database, '{ quarantine { totalCount } }', {}, analyst);
    expect(steward.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const offices = await ok(
      database,
      '{ offices(first: 1) { totalCount } procedures(first: 1) { totalCount } }',
      {},
      viewer,
    );
    expect(offices.offices.totalCount).toBeGreaterThan(0);

    const row = hoSo('000.05.50.H56-250915-0065');
    const query = `{ dossier(code: "000.05.50.H56-250915-0065") { applicantName applicantIdNumber } }`;
    const masked = await ok(database, query, {}, analyst);
    expect(masked.dossier.applicantIdNumber).not.toBe(row.SoGiayToChuHoSo);
    expect(masked.dossier.applicantName).not.toBe(row.ChuHoSo);
    const caseHandler = { principal: { ...analyst.principal, purposes: ['CASE_HANDLING'] } };
    const shown = await ok(database, query, {}, caseHandler);
    expect(shown.dossier.applicantIdNumber).toBe(row.SoGiayToChuHoSo);
    expect(shown.dossier.applicantName).toBe(row.ChuHoSo);
  });

  it('lists staff with assignments, sectors and qualifications as the engine merged them', async () => {
    const persons = await database.db.selectFrom('persons').selectAll().orderBy('id').execute();
    const data = await ok(
      database,
      `{ staff(first: 500) { totalCount nodes { id fullName nationalId assignments { id status office { id } sectors { sector raw } } qualifications { level } sources { source } } } }`,
    );
    expect(data.staff.totalCount).toBe(persons.length);
    expect(data.staff.nodes.map((n: Data) => n.id)).toEqual(persons.map((p) => p.id));
    const assignments = await database.db.selectFrom('assignments').select(['id', 'person_id']).execute();
    for (const node of data.staff.nodes) {
      expect(node.assignments.map((a: Data) => a.id).sort()).toEqual(
        assignments
          .filter((a) => a.person_id === node.id)
          .map((a) => a.id)
          .sort(),
      );
      const stored = persons.find((p) => p.id === node.id)!;
      if (stored.national_id) expect(node.nationalId).not.toBe(stored.national_id);
    }

    // Independently of the engine: the cadre fixture's accepted rows (the connector's own verdict,
    // a later row with the same key replacing the earlier), grouped as DESIGN.md §3 says — one person
    // per CCCD; a row without one joins the CCCD row with its folded name + birth date, else its CMND
    // or name + birth date is a person of its own.
    const rows = new Map<string, StaffCandidate>();
    for await (const out of connectors.cadre!.read(path.join(SAMPLES, 'cadre'), {})) {
      if (out.kind !== 'record' || out.sourceKey === null || out.data === null) continue;
      if (out.issues.some((i) => i.severity === 'error')) continue;
      rows.set(out.sourceKey, out.data as StaffCandidate);
    }
    const nameBirth = (r: StaffCandidate) => `${fold(r.fullName)}|${r.birthDate}`;
    const byCccd = new Map<string, StaffCandidate[]>();
    for (const r of rows.values())
      if (r.nationalId) byCccd.set(r.nationalId, [...(byCccd.get(r.nationalId) ?? []), r]);
    const others = new Map<string, StaffCandidate[]>();
    for (const r of rows.values()) {
      if (r.nationalId) continue;
      const match = [...byCccd.values()].filter((g) => g.some((x) => nameBirth(x) === nameBirth(r)));
      if (match.length === 1) match[0]!.push(r);
      else {
        const key = r.legacyId ?? nameBirth(r);
        others.set(key, [...(others.get(key) ?? []), r]);
      }
    }
    const groups = [...byCccd.values(), ...others.values()];
    expect(data.staff.totalCount).toBe(groups.length);
    for (const group of groups) {
      const node = data.staff.nodes.find((n: Data) => n.fullName === group[0]!.fullName);
      expect(node, group[0]!.fullName).toBeDefined();
      expect(node.assignments).toHaveLength(group.length);
      expect(node.sources.map((s: Data) => s.source)).toEqual(group.map(() => 'cadre'));
      expect(node.assignments.flatMap((a: Data) => a.sectors.map((x: Data) => x.sector)).sort()).toEqual(
        // Per row (one assignment each), a sector named twice with the same words counts once.
        group
          .flatMap((r) => [...new Set(r.sectors.map((x) => `${x.sector}\u0000${x.raw}`))])
          .map((k) => k.split('\u0000')[0])
          .sort(),
      );
      expect(node.qualifications.map((q: Data) => q.level).sort()).toEqual(
        [...new Set(group.flatMap((r) => (r.qualification ? [r.qualification.level] : [])))].sort(),
      );
      expect(node.assignments.map((a: Data) => a.office?.id ?? null).sort()).toEqual(
        group.map((r) => (r.officeRef ? agencyIdToLong(r.officeRef) : null)).sort(),
      );
    }
    // Lê Văn Hùng: CCCD twice in the workbook, CMND in the CSV (fixtures/samples/README.md "cadre").
    const hung = groups.find((g) => g.some((r) => r.legacyId) && g.some((r) => r.nationalId))!;
    expect(hung.map((r) => fold(r.fullName))).toEqual(['le van hung', 'le van hung', 'le van hung']);
  });

  it('filters staff by office, status and sector, and counts them per office', async () => {
    const all = await ok(
      database,
      `{ staff(first: 500) { nodes { id assignments { status office { id } sectors { sector } } } } }`,
    );
    const expectIds = (pred: (a: Data) => boolean) =>
      all.staff.nodes
        .filter((n: Data) => n.assignments.some(pred))
        .map((n: Data) => n.id)
        .sort();
    const data = await ok(
      database,
      `{ atHacThanh: staff(first: 500, filter: { officeId: "000.01.50.H56" }) { nodes { id } }
         retired: staff(first: 500, filter: { status: RETIRED }) { nodes { id } }
         land: staff(first: 500, filter: { sector: LAND }) { nodes { id } } }`,
    );
    const ids = (l: Data) => l.nodes.map((n: Data) => n.id).sort();
    expect(ids(data.atHacThanh)).toEqual(expectIds((a) => a.office?.id === '000.01.50.H56'));
    expect(ids(data.atHacThanh).length).toBeGreaterThan(0);
    expect(ids(data.retired)).toEqual(expectIds((a) => a.status === 'RETIRED'));
    expect(ids(data.retired).length).toBeGreaterThan(0);
    expect(ids(data.land)).toEqual(expectIds((a) => a.sectors.some((x: Data) => x.sector === 'LAND')));
    expect(ids(data.land).length).toBeGreaterThan(0);
  });
});
