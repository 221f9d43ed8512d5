import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from '../../src/security/api-keys.js';
import { authenticateRequest } from '../../src/security/authenticate.js';
import { anonymousPrincipal } from '../../src/security/principal.js';
import { engines } from '../support/engines.js';

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe.each(engines)('API keys on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates a key shown once, stores only a hash of its secret, and authenticates it', async () => {
    const { key, info } = await createApiKey(database, {
      name: 'Thanh Hóa dashboard',
      role: 'ANALYST',
      provinces: ['38'],
      purposes: ['CASE_HANDLING'],
    });
    expect(key).toMatch(/^lt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`lt_${info.id}_`)).toBe(true);
    const row = await database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    const secret = key.slice(`lt_${info.id}_`.length);
    expect(row.secret_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await authenticateApiKey(database, key)).toEqual({
      id: `key:${info.id}`,
      kind: 'api-key',
      role: 'ANALYST',
      provinces: ['38'],
      purposes: ['CASE_HANDLING'],
    });
  });

  it('refuses a wrong secret like an unknown key, and a malformed key with what a key looks like', async () => {
    const { key } = await createApiKey(database, { name: 'x', role: 'VIEWER', provinces: '*' });
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await refusal(authenticateApiKey(database, tampered));
    const unknown = await refusal(authenticateApiKey(database, `lt_000000000000_${'a'.repeat(43)}`));
    expect(wrong.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_KEY' });
    expect(unknown.message).toBe(wrong.message);
    const malformed = await refusal(authenticateApiKey(database, 'lt_abc'));
    expect(malformed.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MALFORMED' });
    expect(malformed.message).toMatch(/lt_<12 hex digits>_<43 characters>/);
  });

  it('lists keys without secrets, and a revoked key is refused with the date and what to do', async () => {
    const { key, info } = await createApiKey(database, {
      name: 'to revoke',
      role: 'STEWARD',
      provinces: ['01', '38'],
    });
    expect((await listApiKeys(database)).map((k) => k.id)).toContain(info.id);
    const revoked = await revokeApiKey(database, info.id);
    expect(revoked.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await listApiKeys(database)).map((k) => k.id)).not.toContain(info.id);
    expect(
      (await listApiKeys(database, { includeRevoked: true })).find((k) => k.id === info.id)?.revokedAt,
    ).toBe(revoked.revokedAt);
    const error = await refusal(authenticateApiKey(database, key));
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REVOKED' });
    expect(error.message).toMatch(
      new RegExp(`API key ${info.id} was revoked on \\d{4}-\\d{2}-\\d{2}; ask an administrator`),
    );
    await expect(revokeApiKey(database, 'nope')).rejects.toThrow(
      /No API key with id "nope"; `lienthong keys list`/,
    );
  });

  it('refuses keys without a scope, a name or a known purpose', async () => {
    await expect(createApiKey(database, { name: 'x', role: 'VIEWER', provinces: [] })).rejects.toThrow(
      /at least one province code/,
    );
    await expect(createApiKey(database, { name: ' ', role: 'VIEWER', provinces: '*' })).rejects.toThrow(
      /needs a name/,
    );
    await expect(
      // biome-ignore lint/suspicious/noExplicitAny: a purpose outside the vocabulary, as a caller might pass.
      createApiKey(database, { name: 'x', role: 'VIEWER', provinces: '*', purposes: ['MARKETING' as any] }),
    ).rejects.toThrow(/Unknown purpose "MARKETING"/);
  });

  describe('authenticating a request', () => {
    const strict = { anonymous: null, jwt: null };

    it('takes a key from Authorization: Bearer or X-API-Key', async () => {
      const { key, info } = await createApiKey(database, { name: 'h', role: 'ADMIN', provinces: '*' });
      expect((await authenticateRequest({ authorization: `Bearer ${key}` }, database, strict)).id).toBe(
        `key:${info.id}`,
      );
      expect((await authenticateRequest({ authorization: `bearer ${key}` }, database, strict)).id).toBe(
        `key:${info.id}`,
      );
      expect((await authenticateRequest({ 'x-api-key': key }, database, strict)).id).toBe(`key:${info.id}`);
    });

    it('refuses a request without credentials unless anonymous access is configured', async () => {
      const missing = await refusal(authenticateRequest({}, database, strict));
      expect(missing.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING' });
      expect(missing.message).toMatch(/Authorization: Bearer <API key or JWT>.*lienthong keys create/);
      const anonymous = anonymousPrincipal('VIEWER', ['38']);
      expect(await authenticateRequest({}, database, { anonymous, jwt: null })).toBe(anonymous);
    });

    it('refuses wrong credentials even when anonymous access is on', async () => {
      const config = { anonymous: anonymousPrincipal('VIEWER', '*'), jwt: null };
      const bad = await refusal(
        authenticateRequest({ authorization: `Bearer lt_000000000000_${'x'.repeat(43)}` }, database, config),
      );
      expect(bad.extensions.reason).toBe('UNKNOWN_KEY');
      const basic = await refusal(
        authenticateRequest({ authorization: 'Basic dXNlcjpwYXNz' }, database, config),
      );
      expect(basic.message).toMatch(/must read "Bearer <API key or JWT>"/);
      const jwt = await refusal(
        authenticateRequest({ authorization: 'Bearer aaa.bbb.ccc' }, database, config),
      );
      expect(jwt.extensions.reason).toBe('JWT_NOT_CONFIGURED');
      expect(jwt.message).toMatch(/LIENTHONG_JWT_PUBLIC_KEY or LIENTHONG_JWT_SECRET/);
    });
  });
});
