import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { rebuildAllDossierRollups } from '../../src/stats/rollups.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import { type Expected, expected, type Fact, localDate, type Policy, readKpiFixture } from './kpi-reader.js';

/**
 * KPI figures (DESIGN.md §3) through the GraphQL API, checked against figures computed
 * independently from the fixture files (kpi-reader.ts: its own CSV/JSON parsing and rules, no hub
 * code). The fixture (fixtures/kpi/README.md) covers a province and three communes, a holiday, local
 * midnight, supplement rounds with and without a new due, revised and derived due dates, dossiers
 * received before 2025-07-01 with old codes, and split (AMBIGUOUS) old communes.
 */
const KPI = path.resolve('fixtures/kpi');
const facts: Fact[] = readKpiFixture(KPI, path.resolve('fixtures/reference'));
const POLICIES: Policy[] = ['DAY', 'EXACT', 'WORKING_HALF_DAY'];
const FIGURES = `received online inPerson postal channelUnknown settled early onTime late withoutDueDate withdrawn refused
  fullOnlineDossiers fullOnlineOnline backlog pendingAcceptance overdue policy
  onTimeRate { value numerator denominator } onlineRate { value numerator denominator }
  onlineRateExcludingPostal { value numerator denominator } fullOnlineRate { value numerator denominator }
  resolvedRate { value numerator denominator }`;
const PAST_AS_OF = '2025-08-26T12:00:00+07:00';

type Row = Record<string, unknown> & Expected;

/** What the API must answer for an expected figure set (rates from the same counts). */
function withRates(e: Expected, policy: Policy) {
  const rate = (n: number, d: number) => ({ value: d === 0 ? null : n / d, numerator: n, denominator: d });
  return {
    ...e,
    policy,
    onTimeRate: rate(e.early + e.onTime, e.settled),
    onlineRate: rate(e.online, e.online + e.inPerson + e.postal),
    onlineRateExcludingPostal: rate(e.online, e.online + e.inPerson),
    fullOnlineRate: rate(e.fullOnlineOnline, e.fullOnlineDossiers),
    resolvedRate: rate(e.settled, e.received),
  };
}

describe.each(engines)('dashboard KPIs against the fixture on $name', (engine) => {
  let database: Database;
  const ask = async (query: string): Promise<Record<string, Row[]>> => {
    const result = await runGraphQL({
      schema: await buildHubSchema(),
      source: query,
      contextValue: createContext(database),
    });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, Row[]>;
  };

  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    const a = await syncSource(database, {
      connector: 'onestop',
      path: path.join(KPI, 'onestop'),
      config: { provinceCode: '38' },
    });
    const b = await syncSource(database, { connector: 'dvcqg', path: path.join(KPI, 'dvcqg') });
    expect([a.status, a.rejected, b.status, b.rejected]).toEqual(['PUBLISHED', 0, 'PUBLISHED', 0]);
    await rebuildAllDossierRollups(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads the fixture it claims to (every case is present)', () => {
    expect(facts).toHaveLength(28);
    const f = (n: string) => facts.find((x) => x.number === n)!;
    expect(f('000.01.50.H56-250801-0005').receivedAt).toBe(Date.parse('2025-07-31T17:30:00Z'));
    expect(localDate(f('000.01.50.H56-250801-0005').receivedAt!)).toBe('2025-08-01');
    expect(f('000.01.50.H56-250829-0007').due).toBe(Date.parse('2025-09-05T03:00:00Z')); // derived across the holiday
    expect(f('000.01.50.H56-250811-0008').due).toBe(Date.parse('2025-08-15T10:00:00Z')); // moved by the pause
    expect(f('000.02.50.H56-250812-0102').due).toBe(Date.parse('2025-08-21T10:00:00Z')); // new due, then a pause
    expect(f('000.01.50.H56-250812-0045').due).toBe(Date.parse('2025-08-13T10:00:00Z')); // the re-set is not taken
    expect(f('000.00.13.H56-250616-0043').commune).toBeNull(); // split old commune: province level
    expect(f('000.00.13.H56-250625-0042').commune).toBe('14797'); // old code through the crosswalk
  });

  for (const policy of POLICIES) {
    it(`gives the province and each commune the expected figures under ${policy}, now and at a past asOf`, async () => {
      for (const asOf of [null, PAST_AS_OF]) {
        const data = await ask(`{
          total: dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-01", to: "2025-09-30" }, policy: ${policy}${asOf ? `, asOf: "${asOf}"` : ''}) { ${FIGURES} }
          communes: dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-08-01", to: "2025-09-30" }, groupBy: [COMMUNE], policy: ${policy}${asOf ? `, asOf: "${asOf}"` : ''}) { commune ${FIGURES} }
        }`);
        const at = asOf ? Date.parse(asOf) : Date.now();
        const total = expected(facts, {
          from: '2025-06-01',
          to: '2025-09-30',
          policy,
          asOf: at,
          key: () => '',
        });
        expect(data.total).toEqual([withRates(total.get('')!, policy)]);
        const byCommune = expected(facts, {
          from: '2025-08-01',
          to: '2025-09-30',
          policy,
          asOf: at,
          key: (f) => f.commune ?? '',
        });
        const want = [...byCommune.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, e]) => ({ commune: k === '' ? null : k, ...withRates(e, policy) }));
        expect(data.communes).toEqual(want);
        expect(want.map((w) => w.commune)).toEqual([null, '14758', '14797', '16378']);
      }
    });
  }

  it('the policies disagree where the fixture says they should', () => {
    const late = (p: Policy) =>
      expected(facts, { from: '2025-06-01', to: '2025-09-30', policy: p, asOf: 0, key: () => '' }).get('')!
        .late;
    expect([late('DAY'), late('EXACT'), late('WORKING_HALF_DAY')]).toEqual([5, 10, 7]);
  });

  it('counts a period before 2025-07-01 in the current communes, split old communes at province level only', async () => {
    const data =
      await ask(`{ june: dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-01", to: "2025-06-30" }, groupBy: [COMMUNE], asOf: "${PAST_AS_OF}") { commune ${FIGURES} }
      reported: dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-01", to: "2025-06-30" }, groupBy: [COMMUNE], geography: AS_REPORTED, asOf: "${PAST_AS_OF}") { commune received settled backlog overdue } }`);
    const at = Date.parse(PAST_AS_OF);
    const june = expected(facts, {
      from: '2025-06-01',
      to: '2025-06-30',
      policy: 'DAY',
      asOf: at,
      key: (f) => f.commune ?? '',
    });
    expect(data.june).toEqual(
      [...june.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, e]) => ({ commune: k === '' ? null : k, ...withRates(e, 'DAY') })),
    );
    // 14758 has no June dossier: its row holds the snapshot at asOf (backlog whatever the period).
    expect(data.june!.map((r) => [r.commune, r.received])).toEqual([
      [null, 2],
      ['14758', 0],
      ['14797', 1],
      ['16378', 1],
    ]);
    const reported = expected(facts, {
      from: '2025-06-01',
      to: '2025-06-30',
      policy: 'DAY',
      asOf: at,
      key: (f) => f.reported ?? '',
    });
    expect(data.reported).toEqual(
      [...reported.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, e]) => ({
          commune: k === '' ? null : k,
          received: e.received,
          settled: e.settled,
          backlog: e.backlog,
          overdue: e.overdue,
        })),
    );
  });

  it('groups province × commune × month from the rollups like the dossiers say, across months and midnight', async () => {
    for (const policy of POLICIES) {
      const data = await ask(
        `{ s: dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-10", to: "2025-09-05" }, groupBy: [PROVINCE, COMMUNE, MONTH], policy: ${policy}) { province commune month received online settled early onTime late withoutDueDate backlog } }`,
      );
      const want = expected(facts, {
        from: '2025-06-10',
        to: '2025-09-05',
        policy,
        asOf: 0,
        key: (f, side) =>
          `${f.province}|${f.commune ?? ''}|${localDate(side === 'R' ? f.receivedAt! : f.settledAt!).slice(0, 7)}`,
      });
      expect(data.s).toEqual(
        [...want.entries()]
          .filter(([, e]) => e.received + e.settled > 0)
          .sort(([a], [b]) => (a.replaceAll('|', '\u0000') < b.replaceAll('|', '\u0000') ? -1 : 1))
          .map(([k, e]) => {
            const [province, commune, month] = k.split('|');
            return {
              province,
              commune: commune === '' ? null : commune,
              month,
              received: e.received,
              online: e.online,
              settled: e.settled,
              early: e.early,
              onTime: e.onTime,
              late: e.late,
              withoutDueDate: e.withoutDueDate,
              backlog: null,
            };
          }),
      );
    }
  });

  it('filters several communes and a channel (direct plan) and drills down from a unit', async () => {
    const data = await ask(`{
      two: dossierStats(filter: { communeCodes: ["14797", "14758"] }, period: { from: "2025-08-01", to: "2025-09-30" }, groupBy: [COMMUNE], asOf: "${PAST_AS_OF}") { commune ${FIGURES} }
      online: dossierStats(filter: { provinceCodes: ["38"], channels: [ONLINE] }, period: { from: "2025-06-01", to: "2025-09-30" }, groupBy: [COMMUNE], policy: EXACT, asOf: "${PAST_AS_OF}") { commune ${FIGURES} }
      unit(code: "14797") { dossierStats(period: { from: "2025-08-01", to: "2025-09-30" }, asOf: "${PAST_AS_OF}") { ${FIGURES} } }
    }`);
    const at = Date.parse(PAST_AS_OF);
    const aug = expected(facts, {
      from: '2025-08-01',
      to: '2025-09-30',
      policy: 'DAY',
      asOf: at,
      key: (f) => f.commune ?? '',
    });
    expect(data.two).toEqual(
      ['14758', '14797'].map((c) => ({ commune: c, ...withRates(aug.get(c)!, 'DAY') })),
    );
    const online = expected(
      facts.filter((f) => f.channel === 'ONLINE'),
      { from: '2025-06-01', to: '2025-09-30', policy: 'EXACT', asOf: at, key: (f) => f.commune ?? '' },
    );
    expect(data.online).toEqual(
      [...online.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, e]) => ({ commune: k === '' ? null : k, ...withRates(e, 'EXACT') })),
    );
    expect((data.unit as unknown as { dossierStats: Row[] }).dossierStats).toEqual([
      withRates(aug.get('14797')!, 'DAY'),
    ]);
  });
});
