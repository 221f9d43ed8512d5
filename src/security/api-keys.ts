import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApiKeysTable } from '../../schema/tables.js';
import type { Database } from '../db/database.js';
import { unauthenticatedError } from './errors.js';
import { isRole, type Principal, parseProvinces, type Role } from './principal.js';
import { isPurpose, type Purpose } from './purposes.js';

/**
 * API keys (DESIGN.md §4): `lt_<id>_<secret>`, where `id` (12 hex digits) is public — it names the key
 * in lists, logs and `keys revoke` — and `secret` (32 random bytes, base64url) is shown once, at
 * creation, and never stored. The table keeps `sha256:<hex>` of the secret: a 256-bit random secret
 * cannot be guessed from its hash, so a slow password hash (scrypt) would add cost and no safety.
 * Comparison is in constant time. Revoking sets `revoked_at`; the row stays, for the access log.
 */
export const KEY_PREFIX = 'lt_';
const KEY_PATTERN = /^lt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  name: string;
  role: Role;
  provinces: readonly string[] | '*';
  purposes?: readonly Purpose[];
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  provinces: readonly string[] | '*';
  purposes: string[];
  createdAt: string;
  revokedAt: string | null;
}

function hashSecret(secret: string): string {
  return `sha256:${crypto.createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

type ApiKeyRow = Selectable<ApiKeysTable>;

function info(row: ApiKeyRow): ApiKeyInfo {
  const provinces = JSON.parse(row.provinces) as string[];
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    provinces: provinces.includes('*') ? '*' : provinces,
    purposes: JSON.parse(row.purposes) as string[],
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a key; the returned `key` is the only copy of the secret. */
export async function createApiKey(
  database: Database,
  request: NewApiKey,
): Promise<{ key: string; info: ApiKeyInfo }> {
  const name = request.name.trim();
  if (name === '')
    throw new Error('An API key needs a name (who or what uses it), e.g. --name "so-noi-vu-dashboard".');
  if (!isRole(request.role))
    throw new Error(`An API key's role must be VIEWER, ANALYST, STEWARD or ADMIN; found "${request.role}".`);
  const provinces = request.provinces === '*' ? '*' : parseProvinces(request.provinces, 'API key provinces');
  const purposes = [...new Set(request.purposes ?? [])];
  const bad = purposes.find((p) => !isPurpose(p));
  if (bad !== undefined) throw new Error(`Unknown purpose "${bad}" (see SECURITY.md, "Purposes").`);
  const id = crypto.randomBytes(6).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  const row: ApiKeyRow = {
    id,
    name,
    secret_hash: hashSecret(secret),
    role: request.role,
    provinces: JSON.stringify(provinces === '*' ? ['*'] : provinces),
    purposes: JSON.stringify(purposes),
    created_at: new Date().toISOString(),
    revoked_at: null,
  };
  await database.db.insertInto('api_keys').values(row).execute();
  return { key: `${KEY_PREFIX}${id}_${secret}`, info: info(row) };
}

/** Every key, newest first (secrets are never listed: they are not stored). */
export async function listApiKeys(
  database: Database,
  options: { includeRevoked?: boolean } = {},
): Promise<ApiKeyInfo[]> {
  let q = database.db.selectFrom('api_keys').selectAll();
  if (!options.includeRevoked) q = q.where('revoked_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(info);
}

/** Revokes a key by id; refused for an unknown id. Revoking twice keeps the first date. */
export async function revokeApiKey(database: Database, id: string): Promise<ApiKeyInfo> {
  const row = await database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`No API key with id "${id}"; \`lienthong keys list\` shows the ids.`);
  if (row.revoked_at === null) {
    row.revoked_at = new Date().toISOString();
    await database.db
      .updateTable('api_keys')
      .set({ revoked_at: row.revoked_at })
      .where('id', '=', id)
      .execute();
  }
  return info(row);
}

/** True when the string looks like an API key of this hub (for telling keys from JWTs in a header). */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(KEY_PREFIX);
}

/**
 * The principal of a presented key, or UNAUTHENTICATED (malformed, unknown, revoked). An unknown id and
 * a wrong secret get the same answer, so ids cannot be probed.
 */
export async function authenticateApiKey(database: Database, presented: string): Promise<Principal> {
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) {
    throw unauthenticatedError(
      'The API key is malformed: a key looks like lt_<12 hex digits>_<43 characters>, exactly as `lienthong keys create` printed it.',
      'MALFORMED',
    );
  }
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  const expected = Buffer.from(row?.secret_hash ?? hashSecret(''), 'utf8');
  const actual = Buffer.from(hashSecret(secret), 'utf8');
  const same = expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
  if (!row || !same) {
    throw unauthenticatedError(
      'The API key is not recognised by this hub; check that it was copied whole, or ask an administrator for a new one.',
      'UNKNOWN_KEY',
    );
  }
  if (row.revoked_at !== null) {
    throw unauthenticatedError(
      `API key ${id} was revoked on ${row.revoked_at.slice(0, 10)}; ask an administrator for a new one.`,
      'REVOKED',
    );
  }
  const key = info(row);
  return {
    id: `key:${id}`,
    kind: 'api-key',
    role: key.role,
    provinces: key.provinces,
    purposes: key.purposes,
  };
}
