import type { IncomingHttpHeaders } from 'node:http';
import type { Database } from '../db/database.js';
import { authenticateApiKey, looksLikeApiKey } from './api-keys.js';
import { unauthenticatedError } from './errors.js';
import type { Principal } from './principal.js';
import type { SecurityConfig } from './security-config.js';

/**
 * Who sent an HTTP request (DESIGN.md §4): `Authorization: Bearer <API key or JWT>` or
 * `X-API-Key: <API key>`. No credentials: the configured anonymous principal, else UNAUTHENTICATED.
 * Credentials that are present but wrong are refused even when anonymous access is on — a client that
 * meant to authenticate must learn that it failed, not silently see less.
 */
export async function authenticateRequest(
  headers: IncomingHttpHeaders,
  database: Database,
  config: Pick<SecurityConfig, 'anonymous' | 'jwt'>,
): Promise<Principal> {
  const authorization = one(headers.authorization);
  const apiKey = one(headers['x-api-key']);
  if (authorization !== undefined && apiKey !== undefined) {
    throw unauthenticatedError(
      'Send one credential: either Authorization: Bearer <key or token> or X-API-Key: <key>, not both.',
      'MALFORMED',
    );
  }
  if (apiKey !== undefined) return authenticateApiKey(database, apiKey);
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw unauthenticatedError(
        'The Authorization header must read "Bearer <API key or JWT>" (other schemes, such as Basic, are not accepted).',
        'MALFORMED',
      );
    }
    const credential = match[1]!;
    if (looksLikeApiKey(credential)) return authenticateApiKey(database, credential);
    if (!config.jwt) {
      throw unauthenticatedError(
        credential.split('.').length === 3
          ? 'This hub does not accept JWTs (no LIENTHONG_JWT_PUBLIC_KEY or LIENTHONG_JWT_SECRET is configured); use an API key (lt_…).'
          : 'The bearer credential is not an API key of this hub (they start with lt_); check that it was copied whole.',
        credential.split('.').length === 3 ? 'JWT_NOT_CONFIGURED' : 'MALFORMED',
      );
    }
    return config.jwt(credential);
  }
  if (config.anonymous) return config.anonymous;
  throw unauthenticatedError(
    'This hub needs credentials: send Authorization: Bearer <API key or JWT> (or X-API-Key: <key>). An administrator creates keys with `lienthong keys create`; in the playground, put the header in the Headers pane.',
    'MISSING',
  );
}

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v;
}
