import fs from 'node:fs';
import type { Database } from '../db/database.js';
import { createJwtVerifier, type JwtVerifier } from './jwt.js';
import { type Limits, limitsFromEnv } from './limits/limits-config.js';
import { anonymousPrincipal, type Principal, parseProvinces } from './principal.js';

/**
 * The security settings of a running hub, read from the environment once at start-up (SECURITY.md
 * lists every variable). A mistake stops the start with the variable's name, never a silent default
 * that opens more than intended.
 */
export interface SecurityConfig {
  /** The principal of requests without credentials; null = they are refused (the default). */
  anonymous: Principal | null;
  /** Why anonymous access is on, for the banner ('configured' or 'demo'); null when off. */
  anonymousReason: 'configured' | 'demo' | null;
  /** Verifies bearer JWTs; null = JWTs are not accepted (API keys only). */
  jwt: JwtVerifier | null;
  /** 'public key' | 'shared secret', for the banner. */
  jwtKind: 'public key' | 'shared secret' | null;
  limits: Limits;
  /** Schema introspection (the playground's docs and completion); on unless LIENTHONG_INTROSPECTION=off. */
  introspection: boolean;
}

const OFF = new Set(['off', 'none', 'false', '0', 'no']);
const ON = new Set(['on', 'true', '1', 'yes']);

/** The strict settings with no anonymous access, no JWTs, default limits: what tests start from. */
export function defaultSecurityConfig(overrides: Partial<SecurityConfig> = {}): SecurityConfig {
  return {
    anonymous: null,
    anonymousReason: null,
    jwt: null,
    jwtKind: null,
    limits: limitsFromEnv({}),
    introspection: true,
    ...overrides,
  };
}

/** Settings from the environment (LIENTHONG_ANONYMOUS_*, LIENTHONG_JWT_*, LIENTHONG_MAX_*, LIENTHONG_INTROSPECTION). */
export function securityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const config = defaultSecurityConfig({ limits: limitsFromEnv(env) });

  const role = env.LIENTHONG_ANONYMOUS_ROLE?.trim();
  if (role && !OFF.has(role.toLowerCase())) {
    if (role.toUpperCase() !== 'VIEWER') {
      throw new Error(
        `LIENTHONG_ANONYMOUS_ROLE may only be VIEWER (or off): personal data, syncs and administration always need a key or token; found "${role}".`,
      );
    }
    const provinces = parseProvinces(
      env.LIENTHONG_ANONYMOUS_PROVINCES?.trim() || '*',
      'LIENTHONG_ANONYMOUS_PROVINCES',
    );
    config.anonymous = anonymousPrincipal('VIEWER', provinces);
    config.anonymousReason = 'configured';
  }

  const secret = env.LIENTHONG_JWT_SECRET;
  let publicKey = env.LIENTHONG_JWT_PUBLIC_KEY;
  const keyFile = env.LIENTHONG_JWT_PUBLIC_KEY_FILE?.trim();
  if (keyFile) {
    if (publicKey)
      throw new Error('Set LIENTHONG_JWT_PUBLIC_KEY or LIENTHONG_JWT_PUBLIC_KEY_FILE, not both.');
    try {
      publicKey = fs.readFileSync(keyFile, 'utf8');
    } catch (error) {
      throw new Error(
        `LIENTHONG_JWT_PUBLIC_KEY_FILE: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
  }
  if (secret || publicKey) {
    const algorithms = env.LIENTHONG_JWT_ALGORITHMS?.split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    config.jwt = createJwtVerifier({
      secret,
      publicKey,
      algorithms,
      issuer: env.LIENTHONG_JWT_ISSUER?.trim() || undefined,
      audience: env.LIENTHONG_JWT_AUDIENCE?.trim() || undefined,
    });
    config.jwtKind = secret ? 'shared secret' : 'public key';
  }

  const introspection = env.LIENTHONG_INTROSPECTION?.trim().toLowerCase();
  if (introspection) {
    if (OFF.has(introspection)) config.introspection = false;
    else if (!ON.has(introspection))
      throw new Error(`LIENTHONG_INTROSPECTION must be on or off; found "${env.LIENTHONG_INTROSPECTION}".`);
  }
  return config;
}

/**
 * `lienthong serve` on a fresh install (the "demo"): when LIENTHONG_ANONYMOUS_ROLE is not set at all,
 * no JWT key is configured and no API key exists yet, a newcomer could not use the playground, so
 * anonymous VIEWER of every province is allowed — public reference data and aggregates only, masked
 * personal data — and the banner says so. Creating the first API key (or configuring JWTs, or setting
 * LIENTHONG_ANONYMOUS_ROLE=off) ends the demo at the next start.
 */
export async function withDemoAnonymous(
  config: SecurityConfig,
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecurityConfig> {
  if (env.LIENTHONG_ANONYMOUS_ROLE !== undefined || config.anonymous || config.jwt) return config;
  const key = await database.db.selectFrom('api_keys').select('id').limit(1).executeTakeFirst();
  if (key) return config;
  return { ...config, anonymous: anonymousPrincipal('VIEWER', '*'), anonymousReason: 'demo' };
}
