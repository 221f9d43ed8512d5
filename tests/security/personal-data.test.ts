import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { listAccessLog, PersonalDataReads } from '../../src/security/access-log.js';
import { readPersonalField, readRawPayload } from '../../src/security/pii.js';
import type { Principal, Role } from '../../src/security/principal.js';
import { engines } from '../support/engines.js';

function principal(role: Role, purposes: string[], id = `key:${role.toLowerCase()}`): Principal {
  return { id, kind: 'api-key', role, provinces: ['38'], purposes };
}

function request(p: Principal) {
  return { principal: p, personalData: new PersonalDataReads(p) };
}

const ID = '038190000123';

describe('personal fields', () => {
  it('are masked for every role without a purpose covering them', () => {
    for (const role of ['VIEWER', 'ANALYST', 'STEWARD', 'ADMIN'] as const) {
      for (const purposes of [[], ['STATISTICS'], ['STAFF_MANAGEMENT'], ['DATA_QUALITY']]) {
        const ctx = request(principal(role, purposes));
        expect(
          readPersonalField(ctx, { field: 'Dossier.applicantIdNumber', recordId: 'd1', value: ID }),
          `${role} ${purposes}`,
        ).toBe('0381****0123');
        expect(ctx.personalData.size).toBe(0);
      }
    }
  });

  it('are masked for a VIEWER even with the purpose: unmasking needs ANALYST or higher', () => {
    const ctx = request(principal('VIEWER', ['CASE_HANDLING', 'AUDIT']));
    expect(
      readPersonalField(ctx, { field: 'Dossier.applicantName', recordId: 'd1', value: 'Trần Thị Bình' }),
    ).toBe('Trần T*** B***');
  });

  it('are read as stored with role and purpose, and the read is recorded', () => {
    const ctx = request(principal('ANALYST', ['STATISTICS', 'CASE_HANDLING']));
    expect(readPersonalField(ctx, { field: 'Dossier.applicantIdNumber', recordId: 'd1', value: ID })).toBe(
      ID,
    );
    expect(ctx.personalData.size).toBe(1);
    // Staff data needs a staff purpose.
    expect(
      readPersonalField(ctx, { field: 'StaffMember.birthDate', recordId: 'p1', value: '1985-03-15' }),
    ).toBe('1985-**-**');
  });

  it('refuses a field that is not declared personal, restating the contract', () => {
    const ctx = request(principal('ADMIN', ['AUDIT']));
    expect(() =>
      readPersonalField(ctx, { field: 'Dossier.secretField', recordId: 'd1', value: 'x' }),
    ).toThrow(/"Dossier.secretField" is not in PII_FIELDS \(src\/security\/pii-fields.ts\)/);
  });

  it('raw payloads are masked unless the purpose covers them', () => {
    const raw = { ChuHoSo: 'Trần Thị Bình', MaHoSo: 'H38.1' };
    expect(readRawPayload(request(principal('STEWARD', [])), '7', raw)).toEqual({
      ChuHoSo: 'Trần T*** B***',
      MaHoSo: 'H38.1',
    });
    const steward = request(principal('STEWARD', ['DATA_QUALITY']));
    expect(readRawPayload(steward, '7', raw)).toBe(raw);
    expect(steward.personalData.size).toBe(1);
  });
});

describe.each(engines)('the access log on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('writes one row per entity type and purpose per request, with every record id read', async () => {
    const auditor = principal('ANALYST', ['CASE_HANDLING', 'AUDIT'], 'key:auditor01');
    const ctx = request(auditor);
    ctx.personalData.operation = 'DossiersOfThanhHoa';
    for (const id of ['d2', 'd1', 'd2', 'd3']) {
      readPersonalField(ctx, { field: 'Dossier.applicantIdNumber', recordId: id, value: ID });
      readPersonalField(ctx, { field: 'Dossier.applicantName', recordId: id, value: 'Trần Thị Bình' });
    }
    readPersonalField(ctx, { field: 'StaffMember.nationalId', recordId: 'p9', value: ID });
    const before = database.statements.count;
    expect(await ctx.personalData.flush(database, new Date('2025-08-01T02:00:00.000Z'))).toBe(2);
    expect(database.statements.count - before).toBe(1);
    const rows = await listAccessLog(database, { principal: 'key:auditor01', limit: 10 });
    expect(rows.map(({ id: _, ...r }) => r)).toEqual([
      {
        at: '2025-08-01T02:00:00.000Z',
        principal: 'key:auditor01',
        role: 'ANALYST',
        purpose: 'AUDIT',
        operation: 'DossiersOfThanhHoa',
        entityType: 'StaffMember',
        recordIds: ['p9'],
      },
      {
        at: '2025-08-01T02:00:00.000Z',
        principal: 'key:auditor01',
        role: 'ANALYST',
        purpose: 'CASE_HANDLING',
        operation: 'DossiersOfThanhHoa',
        entityType: 'Dossier',
        recordIds: ['d1', 'd2', 'd3'],
      },
    ]);
    // Flushed reads are not written twice.
    expect(await ctx.personalData.flush(database)).toBe(0);
  });

  it('is filtered by record id exactly, and pages newest first', async () => {
    const ctx = request(principal('ADMIN', ['AUDIT'], 'key:pager'));
    for (const id of ['a_1', 'a%1', 'a11']) {
      ctx.personalData.record('Dossier', 'AUDIT', id);
      await ctx.personalData.flush(database);
    }
    const byId = await listAccessLog(database, { recordId: 'a_1', limit: 10 });
    expect(byId.map((r) => r.recordIds)).toEqual([['a_1']]);
    const page1 = await listAccessLog(database, { principal: 'key:pager', limit: 2 });
    expect(page1.map((r) => r.recordIds[0])).toEqual(['a11', 'a%1']);
    const page2 = await listAccessLog(database, { principal: 'key:pager', limit: 2, before: page1[1]!.id });
    expect(page2.map((r) => r.recordIds[0])).toEqual(['a_1']);
  });
});
