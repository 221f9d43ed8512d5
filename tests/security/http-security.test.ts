import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createApiKey, revokeApiKey } from '../../src/security/api-keys.js';
import { createJwtVerifier } from '../../src/security/jwt.js';
import { defaultSecurityConfig } from '../../src/security/security-config.js';
import { type RunningHub, startHub } from '../../src/server/hub-server.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import { A, bearer, seedTwoProvinces } from './support.js';

const SECRET = 'the hub and the identity provider share this secret';

function jwt(claims: Record<string, unknown>, exp: number, secret = SECRET) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('tester')
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field.
  data?: any;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

describe.each(engines)('the hub over HTTP, secured, on $name', (engine) => {
  let database: Database;
  let hub: RunningHub;

  async function ask(
    authorization: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    await seedTwoProvinces(database);
    hub = await startHub({
      database,
      port: 0,
      host: '127.0.0.1',
      security: defaultSecurityConfig({
        jwt: createJwtVerifier({ secret: SECRET }),
        jwtKind: 'shared secret',
      }),
    });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.close();
  });

  describe('credentials', () => {
    it('refuses a request without credentials with 401 UNAUTHENTICATED saying what to send', async () => {
      const answer = await ask(null, '{ units(first: 1) { totalCount } }');
      expect(answer.status).toBe(401);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING' });
      expect(answer.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
    });

    it('refuses expired, wrongly signed and revoked credentials with UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { role: 'ADMIN', provinces: '*' };
      const expired = await ask(`Bearer ${await jwt(claims, now - 600)}`, '{ me { id } }');
      expect([expired.status, expired.errors?.[0]?.extensions.reason]).toEqual([401, 'EXPIRED']);
      const forged = await ask(
        `Bearer ${await jwt(claims, now + 600, 'somebody else entirely, also long enough')}`,
        '{ me { id } }',
      );
      expect([forged.status, forged.errors?.[0]?.extensions.reason]).toEqual([401, 'BAD_SIGNATURE']);
      const { key, info } = await createApiKey(database, {
        name: 'soon revoked',
        role: 'ADMIN',
        provinces: '*',
      });
      expect((await ask(`Bearer ${key}`, '{ me { id } }')).data.me.id).toBe(`key:${info.id}`);
      await revokeApiKey(database, info.id);
      const revoked = await ask(`Bearer ${key}`, '{ me { id } }');
      expect([
        revoked.status,
        revoked.errors?.[0]?.extensions.code,
        revoked.errors?.[0]?.extensions.reason,
      ]).toEqual([401, 'UNAUTHENTICATED', 'REVOKED']);
    });

    it('accepts a valid JWT and shows who it is', async () => {
      const token = await jwt(
        { role: 'ANALYST', provinces: ['38'], purposes: ['CASE_HANDLING'] },
        Math.floor(Date.now() / 1000) + 600,
      );
      const answer = await ask(`Bearer ${token}`, '{ me { id kind role allProvinces provinces purposes } }');
      expect(answer.data.me).toEqual({
        id: 'jwt:tester',
        kind: 'jwt',
        role: 'ANALYST',
        allProvinces: false,
        provinces: ['38'],
        purposes: ['CASE_HANDLING'],
      });
    });

    it('refuses a valid principal without the role with FORBIDDEN naming the role', async () => {
      const viewer = await bearer(database, 'VIEWER', [A.province]);
      const log = await ask(viewer, '{ accessLog { totalCount } }');
      expect(log.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(log.errors?.[0]?.message).toMatch(/accessLog needs the ADMIN role/);
      const analyst = await bearer(database, 'ANALYST', [A.province]);
      const resolve = await ask(analyst, 'mutation($id: ID!) { resolveQuarantineEntry(id: $id) { id } }', {
        id: A.entry,
      });
      expect(resolve.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(resolve.errors?.[0]?.message).toMatch(/resolveQuarantineEntry needs the STEWARD role/);
      // An ADMIN of one province cannot read the log that spans every province.
      const adminOfA = await bearer(database, 'ADMIN', [A.province]);
      expect((await ask(adminOfA, '{ accessLog { totalCount } }')).errors?.[0]?.extensions.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('personal data', () => {
    const QUERY =
      'query DossierCheck($c: String!) { dossier(code: $c) { id applicantName applicantIdNumber } }';

    it('is masked for every role without the purpose', async () => {
      for (const role of ['VIEWER', 'ANALYST', 'STEWARD', 'ADMIN'] as const) {
        const answer = await ask(await bearer(database, role, [A.province], ['STATISTICS']), QUERY, {
          c: A.dossier,
        });
        expect(answer.data?.dossier, role).toEqual({
          id: A.dossier,
          applicantName: 'Lê T*** H***',
          applicantIdNumber: '0381****4321',
        });
      }
      expect(await database.db.selectFrom('access_log').selectAll().execute()).toEqual([]);
    });

    it('is shown with the purpose, and the read is in the access log an ADMIN can query', async () => {
      const { key, info } = await createApiKey(database, {
        name: 'case officer',
        role: 'ANALYST',
        provinces: [A.province],
        purposes: ['CASE_HANDLING'],
      });
      const answer = await ask(`Bearer ${key}`, QUERY, { c: A.dossier });
      expect(answer.data.dossier).toEqual({
        id: A.dossier,
        applicantName: A.applicant,
        applicantIdNumber: A.applicantId,
      });
      const auditor = await bearer(database, 'ADMIN', '*');
      const log = await ask(
        auditor,
        '{ accessLog(first: 10) { totalCount nodes { principal role purpose operation entityType recordIds } } }',
      );
      expect(log.data.accessLog).toEqual({
        totalCount: 1,
        nodes: [
          {
            principal: `key:${info.id}`,
            role: 'ANALYST',
            purpose: 'CASE_HANDLING',
            operation: 'DossierCheck',
            entityType: 'Dossier',
            recordIds: [A.dossier],
          },
        ],
      });
    });

    it('masks quarantine payloads the same way', async () => {
      const steward = await bearer(database, 'STEWARD', [A.province]);
      const answer = await ask(steward, '{ quarantine(first: 10) { nodes { payload } } }');
      expect(JSON.parse(answer.data.quarantine.nodes[0].payload)).toEqual({
        MaHoSo: A.dossier,
        ChuHoSo: 'Lê T*** H***',
        SoGiayToChuHoSo: '0381****4321',
      });
    });

    it('has a log no mutation can change', async () => {
      const answer = await ask(
        await bearer(database, 'ADMIN', '*'),
        '{ __schema { mutationType { fields { name } } } }',
      );
      const names: string[] = answer.data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((n) => /log|access/i.test(n))).toEqual([]);
    });
  });

  describe('limits', () => {
    it('refuse deep, aliased, costly, long and oversized queries while another client is answered', async () => {
      const viewer = await bearer(database, 'VIEWER', '*');
      let deep = 'code';
      for (let i = 0; i < 11; i++) deep = `province { ${deep} }`;
      const aliases = Array.from({ length: 40 }, (_, i) => `u${i}: unit(code: "38") { code }`).join(' ');
      const long = `{ ${'units(first: 1) { totalCount } '.repeat(400)} }`;
      const [simple, tooDeep, tooManyAliases, tooCostly, tooLong, tooBig] = await Promise.all([
        ask(viewer, '{ unit(code: "38") { fullName } }'),
        ask(viewer, `{ unit(code: "38") { ${deep} } }`),
        ask(viewer, `{ ${aliases} }`),
        ask(viewer, '{ units(first: 500) { nodes { code communes { code name } } } }'),
        ask(viewer, long),
        ask(viewer, `{ unit(code: "38") { code } } # ${'x'.repeat(1024 * 1024)}`),
      ]);
      expect(simple.data).toEqual({ unit: { fullName: 'Tỉnh Thanh Hóa' } });
      const refusal = (a: Answer) => [
        a.status,
        a.errors?.[0]?.extensions.code,
        a.errors?.[0]?.extensions.limit,
      ];
      expect(refusal(tooDeep)).toEqual([400, 'QUERY_TOO_DEEP', 'maxDepth']);
      expect(refusal(tooManyAliases)).toEqual([400, 'TOO_MANY_ALIASES', 'maxAliases']);
      expect(refusal(tooCostly)).toEqual([400, 'QUERY_TOO_COSTLY', 'maxCost']);
      expect(refusal(tooLong)).toEqual([400, 'QUERY_TOO_LONG', 'maxTokens']);
      expect(refusal(tooBig)).toEqual([413, 'PAYLOAD_TOO_LARGE', 'maxBodyBytes']);
      for (const a of [tooDeep, tooManyAliases, tooCostly, tooLong, tooBig]) {
        expect(a.data ?? null).toBeNull();
        expect(a.errors?.[0]?.message).toMatch(/\(limit \w+ = \d+, set by LIENTHONG_[A-Z_]+\)\.$/);
      }
    });

    it('refuse a page larger than the cap before running', async () => {
      const answer = await ask(await bearer(database, 'VIEWER', '*'), '{ units(first: 501) { totalCount } }');
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        limit: 'maxPageSize',
        value: 500,
        found: 501,
      });
    });
  });

  it('answers introspection by default, and refuses it when switched off', async () => {
    const viewer = await bearer(database, 'VIEWER', '*');
    expect((await ask(viewer, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const closed = await startHub({
      database,
      port: 0,
      host: '127.0.0.1',
      security: defaultSecurityConfig({ introspection: false }),
    });
    try {
      const response = await fetch(`${closed.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: viewer },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      const body = (await response.json()) as Answer;
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.close();
    }
  });
});
