import crypto from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/security/jwt.js';
import { securityConfigFromEnv } from '../../src/security/security-config.js';

const SECRET = 'a shared secret of more than thirty-two characters';
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

const claims = { role: 'ANALYST', provinces: ['38'], purposes: ['CASE_HANDLING'] };

function hs256(payload: Record<string, unknown>, secret = SECRET, exp: number | null = now() + HOUR) {
  let jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('nguyen.an@thanhhoa.gov.vn')
    .setIssuedAt();
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe('JWT verification, offline', () => {
  it('accepts an HS256 token signed with the shared secret and reads role, provinces, purposes', async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    expect(await verify(await hs256(claims))).toEqual({
      id: 'jwt:nguyen.an@thanhhoa.gov.vn',
      kind: 'jwt',
      role: 'ANALYST',
      provinces: ['38'],
      purposes: ['CASE_HANDLING'],
    });
    expect((await verify(await hs256({ role: 'ADMIN', provinces: '*' }))).provinces).toBe('*');
  });

  it('refuses an expired token, naming when it expired', async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    const error = await refusal(verify(await hs256(claims, SECRET, now() - HOUR)));
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'EXPIRED' });
    expect(error.message).toMatch(/The JWT expired at \d{4}-.*get a new token/);
  });

  it('refuses a token signed with another secret, and one without exp', async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    const forged = await refusal(verify(await hs256(claims, 'another secret that is also long enough!!')));
    expect(forged.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_SIGNATURE' });
    const noExp = await refusal(verify(await hs256(claims, SECRET, null)));
    expect(noExp.extensions.reason).toBe('BAD_CLAIMS');
    expect(noExp.message).toMatch(/claim "exp" is missing/);
  });

  it('refuses unsigned tokens (alg none)', async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, exp: now() + HOUR })}.`;
    const error = await refusal(verify(unsigned));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses claims it cannot use: a role outside the four, provinces that are not codes', async () => {
    const verify = createJwtVerifier({ secret: SECRET });
    const badRole = await refusal(verify(await hs256({ ...claims, role: 'SUPERUSER' })));
    expect(badRole.message).toMatch(
      /"role" must be one of VIEWER, ANALYST, STEWARD, ADMIN; found "SUPERUSER"/,
    );
    const badProvinces = await refusal(verify(await hs256({ ...claims, provinces: 'Thanh Hóa' })));
    expect(badProvinces.extensions.reason).toBe('BAD_CLAIMS');
    const noProvinces = await refusal(verify(await hs256({ role: 'VIEWER' })));
    expect(noProvinces.message).toMatch(/provinces/);
  });

  it('checks issuer and audience when configured', async () => {
    const verify = createJwtVerifier({
      secret: SECRET,
      issuer: 'https://sso.thanhhoa.gov.vn',
      audience: 'lienthong',
    });
    const sign = (iss: string, aud: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime(now() + HOUR)
        .sign(new TextEncoder().encode(SECRET));
    expect((await verify(await sign('https://sso.thanhhoa.gov.vn', 'lienthong'))).role).toBe('ANALYST');
    const wrongIssuer = await refusal(verify(await sign('https://evil.example', 'lienthong')));
    expect(wrongIssuer.message).toMatch(/claim "iss"/);
    const wrongAudience = await refusal(verify(await sign('https://sso.thanhhoa.gov.vn', 'other')));
    expect(wrongAudience.message).toMatch(/claim "aud"/);
  });

  it('verifies RS256 with a PEM public key, ES256 with a JWK, EdDSA with a JWK set', async () => {
    for (const [alg, form] of [
      ['RS256', 'pem'],
      ['ES256', 'jwk'],
      ['EdDSA', 'jwks'],
    ] as const) {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1' };
      const configured =
        form === 'pem'
          ? await exportSPKI(publicKey)
          : form === 'jwk'
            ? JSON.stringify(jwk)
            : JSON.stringify({ keys: [jwk] });
      const verify = createJwtVerifier({ publicKey: configured });
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg, kid: 'k1' })
        .setExpirationTime(now() + HOUR)
        .sign(privateKey);
      expect((await verify(token)).role, alg).toBe('ANALYST');
      // A token signed by someone else's key of the same kind is refused.
      const other = await generateKeyPair(alg);
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg, kid: 'k1' })
        .setExpirationTime(now() + HOUR)
        .sign(other.privateKey);
      expect((await refusal(verify(forged))).extensions.reason, alg).toBe('BAD_SIGNATURE');
    }
  });

  it('never accepts an HS256 token "signed" with the public key text (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const verify = createJwtVerifier({ publicKey: pem });
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now() + HOUR)
      .sign(new TextEncoder().encode(pem));
    const error = await refusal(verify(confused));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses configurations that cannot be safe: a short secret, a private key, both kinds', () => {
    expect(() => createJwtVerifier({ secret: 'short' })).toThrow(/at least 32 characters/);
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => createJwtVerifier({ publicKey: pem })).toThrow(/PRIVATE key/);
    expect(() =>
      securityConfigFromEnv({ LIENTHONG_JWT_SECRET: SECRET, LIENTHONG_JWT_PUBLIC_KEY: 'x' }),
    ).toThrow(/either LIENTHONG_JWT_SECRET or LIENTHONG_JWT_PUBLIC_KEY/);
  });
});

describe('security configuration from the environment', () => {
  it('is strict by default: no anonymous access, no JWTs, default limits, introspection on', () => {
    const config = securityConfigFromEnv({});
    expect(config.anonymous).toBeNull();
    expect(config.jwt).toBeNull();
    expect(config.introspection).toBe(true);
    expect(config.limits).toMatchObject({
      maxDepth: 10,
      maxAliases: 30,
      maxTokens: 2000,
      maxCost: 50000,
      maxPageSize: 500,
    });
  });

  it('allows anonymous VIEWER of given provinces, and only VIEWER', () => {
    const config = securityConfigFromEnv({
      LIENTHONG_ANONYMOUS_ROLE: 'viewer',
      LIENTHONG_ANONYMOUS_PROVINCES: '38,01',
    });
    expect(config.anonymous).toMatchObject({
      kind: 'anonymous',
      role: 'VIEWER',
      provinces: ['01', '38'],
      purposes: [],
    });
    expect(() => securityConfigFromEnv({ LIENTHONG_ANONYMOUS_ROLE: 'ADMIN' })).toThrow(/may only be VIEWER/);
    expect(securityConfigFromEnv({ LIENTHONG_ANONYMOUS_ROLE: 'off' }).anonymous).toBeNull();
  });

  it('reads limits and introspection, refusing values that are not whole numbers', () => {
    const config = securityConfigFromEnv({
      LIENTHONG_MAX_DEPTH: '6',
      LIENTHONG_TIMEOUT_MS: '2_000',
      LIENTHONG_INTROSPECTION: 'off',
    });
    expect(config.limits.maxDepth).toBe(6);
    expect(config.limits.timeoutMs).toBe(2000);
    expect(config.introspection).toBe(false);
    expect(() => securityConfigFromEnv({ LIENTHONG_MAX_COST: 'lots' })).toThrow(
      /LIENTHONG_MAX_COST must be a whole number/,
    );
    expect(() => securityConfigFromEnv({ LIENTHONG_MAX_PAGE_SIZE: '1000' })).toThrow(
      /not raise it above 500/,
    );
  });
});
