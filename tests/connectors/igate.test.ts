import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mongoInstant } from '../../connectors/igate/extended-json.js';
import { igate } from '../../connectors/igate/index.js';
import { localDateOf } from '../../connectors/shared/time.js';
import { RECORD_SCHEMAS } from '../../schema/canonical/records.js';
import { type Collected, collect, expectGolden, goldenOf, one, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'igate');
let out: Collected;
beforeAll(async () => {
  out = await collect(igate, FOLDER);
});

const atLine = (line: number) => {
  const r = out.records.find((x) => x.locator.line === line);
  if (r === undefined) throw new Error(`no record on line ${line}`);
  return r;
};
const data = (line: number) => {
  const d = atLine(line).data;
  if (d === null) throw new Error(`line ${line} has no data`);
  return d as Record<string, unknown>;
};

describe('igate connector on fixtures/samples/igate', () => {
  it('matches the golden file (fixtures/golden/igate.json)', () => {
    expectGolden('igate', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(11);
  });

  it('reads dossiers.jsonl and skips the other files of the folder', () => {
    expect(new Set(out.records.map((r) => r.locator.file))).toEqual(new Set(['dossiers.jsonl']));
    expect(out.skipped).toEqual([
      { kind: 'skipped', file: 'export.log', reason: 'not an iGate dossiers export (dossiers.jsonl)' },
    ]);
  });

  it('dates a dossier accepted at 23:30 local on 31 July (16:30Z) as 31 July', () => {
    expect(data(2).receivedAt).toBe('2025-07-31T16:30:00.000Z');
    expect(data(2).unitDate).toBe('2025-07-31');
  });

  it('dates a dossier accepted at 00:30 local on 1 August (17:30Z on 31 July) as 1 August', () => {
    expect(data(3).receivedAt).toBe('2025-07-31T17:30:00.000Z');
    expect(data(3).unitDate).toBe('2025-08-01');
  });

  it('reads a birthday stored at 17:00Z as the next local date (local midnight)', () => {
    const raw = atLine(1).raw as { applicant: { data: { birthday: unknown } } };
    const instant = mongoInstant(raw.applicant.data.birthday, 'birthday', []);
    expect(instant).toBe('1990-05-14T17:00:00.000Z');
    expect(localDateOf(instant!)).toBe('1990-05-15');
    const plus0000 = mongoInstant('1958-11-02T17:00:00.000+0000', 'birthday', []);
    expect(localDateOf(plus0000!)).toBe('1958-11-03');
  });

  it('keys by code, never by _id; the ObjectId becomes an alias under system igate', () => {
    const first = one(out, 'dossier', '000.01.50.H56-250812-0057');
    expect((first.data as Record<string, unknown>).aliases).toEqual([
      { number: '66b1f0a2c3d4e5f6000003e9', system: 'igate' },
    ]);
    const noCode = atLine(5);
    expect(noCode.sourceKey).toBeNull();
    expect(noCode.data).toBeNull();
    expect(noCode.issues).toEqual([
      {
        field: 'code',
        expected: 'a value (required field)',
        found: 'nothing',
        severity: 'error',
        code: 'MISSING',
      },
    ]);
  });

  it('maps the four-source dossier with its iGate values (status 6, DIRECT, Mức độ 3)', () => {
    expect(data(1)).toMatchObject({
      number: '000.01.50.H56-250812-0057',
      procedureCode: '1.001193.000.00.00.H56',
      procedureName: 'Đăng ký khai sinh',
      sectorName: 'Hộ tịch',
      procedureLevel: 'PARTIAL_ONLINE',
      unitCode: null,
      receivingOffice: { ref: '000.01.50.H56', system: 'AGENCY' },
      channel: 'IN_PERSON',
      status: 'RETURNED',
      rawStatus: '6',
      receivedAt: '2025-08-12T02:00:00.000Z',
      resolvedAt: '2025-08-13T14:00:00.000Z',
      returnedAt: '2025-08-14T02:00:00.000Z',
    });
  });

  it('takes the English name when no Vietnamese one is given; Vietnamese wins when both are', () => {
    expect(data(4)).toMatchObject({
      procedureName: 'Business household registration',
      sectorName: 'Business households',
    });
    expect(data(6).procedureName).toBe('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam');
  });

  it('reads canonical-mode $numberLong dates and $numberInt ids; placeholders become null', () => {
    expect(data(4)).toMatchObject({
      submittedAt: '2025-08-05T00:00:00.000Z',
      status: 'SUPPLEMENT_REQUESTED',
      rawStatus: '3',
      channel: 'POSTAL',
      procedureLevel: 'INFORMATION',
      applicantIdNumber: null,
    });
  });

  it('reads cancelledDate as the withdrawal time for 7 and the refusal time for 8', () => {
    expect(data(6)).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnAt: '2025-08-08T03:45:00.000Z',
      refusedAt: null,
    });
    expect(data(7)).toMatchObject({
      status: 'REFUSED',
      refusedAt: '2025-08-09T09:00:00.000Z',
      withdrawnAt: null,
    });
  });

  it('quarantines completedDate before acceptedDate (ORDER)', () => {
    expect(atLine(8).issues.map((i) => i.code)).toEqual(['ORDER']);
  });

  it('reports every reason of a record: unknown status, unknown channel, impossible date', () => {
    expect(atLine(9).issues.map((i) => `${i.code} ${i.field}`)).toEqual([
      'UNKNOWN_VALUE dossierStatus.id',
      'UNKNOWN_VALUE applyMethod.code',
      'IMPOSSIBLE_DATE appointmentDate',
    ]);
  });

  it("names the office by iGate's own id when the agency has no code; flags an unknown level", () => {
    expect(data(10).receivingOffice).toEqual({ ref: '66b1f0a2c3d4e5f600000013', system: 'igate' });
    expect(data(10).status).toBe('STOPPED');
    expect(atLine(10).issues).toEqual([
      {
        field: 'procedureLevel.name',
        expected: '"Mức độ 2", "Mức độ 3" or "Mức độ 4"',
        found: '"Mức độ 5"',
        severity: 'warning',
        code: 'UNKNOWN_VALUE',
      },
    ]);
  });

  it('quarantines a line that is not JSON with its line number', () => {
    const bad = atLine(11);
    expect(bad.sourceKey).toBeNull();
    expect(bad.issues[0]).toMatchObject({ field: 'line', code: 'UNPARSABLE' });
  });

  it('yields a repeated code twice, in file order (the engine keeps the later one)', () => {
    const both = out.records.filter((r) => r.sourceKey === '000.02.50.H56-250731-0101');
    expect(both.map((r) => [r.locator.line, (r.data as Record<string, unknown>).status])).toEqual([
      [2, 'PROCESSING'],
      [12, 'RESOLVED'],
    ]);
  });

  it('normalises NFD applicant names to NFC', () => {
    expect(data(3).applicantName).toBe('Nguyễn Hoàng Yến'.normalize('NFC'));
  });
});
