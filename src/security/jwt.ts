import crypto from 'node:crypto';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { unauthenticatedError } from './errors.js';
import { isRole, type Principal, parseProvinces } from './principal.js';

/**
 * JWTs verified offline (DESIGN.md §4: "JWT (offline public key)"): the hub never calls the identity
 * provider; it checks the signature with a key it was configured with, so it works on an air-gapped
 * network. One of:
 * - `publicKey`: a PEM public key (`-----BEGIN PUBLIC KEY-----`), a JWK, or a JWK set `{ "keys": […] }`
 *   (several keys, picked by `kid`, for rotation) — RS256/PS256 (RSA), ES256/384/512 (EC), EdDSA (Ed25519);
 * - `secret`: a shared secret for HS256/384/512, at least 32 characters (RFC 7518 §3.2: the key must be at
 *   least as long as the hash).
 * The algorithms accepted follow the key's type (a public key never accepts HS*, which closes the
 * "alg confusion" hole), or `algorithms` when configured.
 *
 * Claims: `role` (VIEWER|ANALYST|STEWARD|ADMIN), `provinces` (array of 2-digit codes, or "*"),
 * `purposes` (array, optional), `exp` (required), `sub` (names the principal in the access log).
 * `iss` and `aud` are checked when configured.
 */
export interface JwtSettings {
  secret?: string | undefined;
  publicKey?: string | undefined;
  algorithms?: readonly string[] | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Seconds of clock skew accepted on exp/nbf (default 30). */
  clockToleranceSeconds?: number | undefined;
}

export type JwtVerifier = (token: string) => Promise<Principal>;

type VerifyKey = crypto.KeyObject | Uint8Array | ReturnType<typeof createLocalJWKSet>;

function algorithmsOf(key: crypto.KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1') return ['ES256'];
      if (curve === 'secp384r1') return ['ES384'];
      if (curve === 'secp521r1') return ['ES512'];
      throw new Error(
        `LIENTHONG_JWT_PUBLIC_KEY: the EC curve ${curve} is not one JWTs use (P-256, P-384, P-521).`,
      );
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      throw new Error(
        `LIENTHONG_JWT_PUBLIC_KEY: a ${key.asymmetricKeyType} key cannot verify JWTs here; use RSA, EC (P-256/384/521) or Ed25519.`,
      );
  }
}

function publicKeyFrom(text: string): { key: VerifyKey; algorithms: string[] } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(trimmed);
    } catch {
      throw new Error('LIENTHONG_JWT_PUBLIC_KEY starts with "{" but is not valid JSON (a JWK or a JWK set).');
    }
    if (jwk && typeof jwk === 'object' && Array.isArray((jwk as { keys?: unknown }).keys)) {
      const set = jwk as JSONWebKeySet;
      const algorithms = [
        ...new Set(
          set.keys.flatMap((k) =>
            algorithmsOf(crypto.createPublicKey({ key: k as crypto.JsonWebKey, format: 'jwk' })),
          ),
        ),
      ];
      return { key: createLocalJWKSet(set), algorithms };
    }
    if (jwk && typeof jwk === 'object' && 'd' in jwk) {
      throw new Error(
        'LIENTHONG_JWT_PUBLIC_KEY holds a PRIVATE key (it has "d"); give the hub only the public key.',
      );
    }
    const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
    return { key, algorithms: algorithmsOf(key) };
  }
  if (/PRIVATE KEY/.test(trimmed)) {
    throw new Error(
      'LIENTHONG_JWT_PUBLIC_KEY holds a PRIVATE key; give the hub only the public key (-----BEGIN PUBLIC KEY-----).',
    );
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(trimmed);
  } catch (error) {
    throw new Error(
      `LIENTHONG_JWT_PUBLIC_KEY is not a PEM public key, JWK or JWK set (${(error as Error).message}).`,
    );
  }
  return { key, algorithms: algorithmsOf(key) };
}

/** Builds the verifier once at start-up; configuration mistakes fail here, not on the first request. */
export function createJwtVerifier(settings: JwtSettings): JwtVerifier {
  if (settings.secret && settings.publicKey) {
    throw new Error('Configure either LIENTHONG_JWT_SECRET or LIENTHONG_JWT_PUBLIC_KEY, not both.');
  }
  let key: VerifyKey;
  let algorithms: string[];
  if (settings.secret) {
    if (settings.secret.length < 32) {
      throw new Error(
        `LIENTHONG_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key); found ${settings.secret.length}.`,
      );
    }
    key = new TextEncoder().encode(settings.secret);
    algorithms = ['HS256', 'HS384', 'HS512'];
  } else if (settings.publicKey) {
    ({ key, algorithms } = publicKeyFrom(settings.publicKey));
  } else {
    throw new Error('A JWT verifier needs LIENTHONG_JWT_PUBLIC_KEY (or _FILE) or LIENTHONG_JWT_SECRET.');
  }
  if (settings.algorithms && settings.algorithms.length > 0) {
    const wanted = settings.algorithms.filter((a) => algorithms.includes(a));
    if (wanted.length === 0) {
      throw new Error(
        `LIENTHONG_JWT_ALGORITHMS (${settings.algorithms.join(', ')}) fits none of the configured key's algorithms (${algorithms.join(', ')}).`,
      );
    }
    algorithms = wanted;
  }
  const options = {
    algorithms,
    requiredClaims: ['exp'],
    clockTolerance: settings.clockToleranceSeconds ?? 30,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };

  return async (token: string) => {
    let payload: JWTPayload;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: jose overloads split KeyObject from a JWK-set resolver.
      ({ payload } = await jwtVerify(token, key as any, options));
    } catch (error) {
      throw jwtError(error, algorithms);
    }
    return principalOf(payload);
  };
}

function jwtError(error: unknown, algorithms: string[]) {
  if (error instanceof errors.JWTExpired) {
    const exp =
      typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : 'its exp';
    return unauthenticatedError(
      `The JWT expired at ${exp}; get a new token from your identity provider.`,
      'EXPIRED',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticatedError(
      `The JWT was refused: claim "${error.claim}" ${error.reason === 'missing' ? 'is missing' : `failed (${error.reason})`}; ask your identity provider for a token issued for this hub (with exp, and the configured iss/aud).`,
      'BAD_CLAIMS',
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthenticatedError(
      `The JWT is signed with an algorithm this hub does not accept here; accepted: ${algorithms.join(', ')}.`,
      'BAD_SIGNATURE',
    );
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return unauthenticatedError(
      "The JWT's signature does not verify with this hub's configured key; the token was not issued for this hub or was altered.",
      'BAD_SIGNATURE',
    );
  }
  return unauthenticatedError(
    'The bearer token is neither an API key of this hub (lt_…) nor a well-formed JWT (header.payload.signature).',
    'MALFORMED',
  );
}

function badClaims(message: string) {
  return unauthenticatedError(`The JWT's claims are not usable: ${message}`, 'BAD_CLAIMS');
}

/** The principal a verified token describes; claims are checked as strictly as the signature. */
export function principalOf(payload: JWTPayload): Principal {
  const { role, provinces, purposes, sub } = payload as Record<string, unknown>;
  if (!isRole(role)) {
    throw badClaims(
      `"role" must be one of VIEWER, ANALYST, STEWARD, ADMIN; found ${JSON.stringify(role ?? null)}.`,
    );
  }
  let scope: readonly string[] | '*';
  try {
    if (provinces !== '*' && !(Array.isArray(provinces) && provinces.every((p) => typeof p === 'string'))) {
      throw new Error('"provinces" must be an array of 2-digit province codes, or "*"');
    }
    scope = parseProvinces(provinces as string[] | string, '"provinces"');
  } catch (error) {
    throw badClaims(`${(error as Error).message}.`);
  }
  if (purposes !== undefined && !(Array.isArray(purposes) && purposes.every((p) => typeof p === 'string'))) {
    throw badClaims('"purposes" must be an array of purpose names (SECURITY.md, "Purposes").');
  }
  const subject = typeof sub === 'string' && sub !== '' ? sub : 'unnamed';
  // Unknown purposes are kept but unmask nothing (purposes.ts only honours its vocabulary): an identity
  // provider may carry purposes meant for other systems.
  return {
    id: `jwt:${subject}`,
    kind: 'jwt',
    role,
    provinces: scope,
    purposes: (purposes as string[] | undefined) ?? [],
  };
}
