/**
 * Who is asking (DESIGN.md §4 "Security"). Every request has exactly one principal: the holder of an
 * API key, the subject of a verified JWT, the configured anonymous viewer, or — for in-process callers
 * such as the CLI and tests that build a context themselves — the local operator.
 *
 * A principal carries three independent grants:
 * - `role`: what kind of thing it may see or do (ordered: VIEWER < ANALYST < STEWARD < ADMIN, each role
 *   includes the ones below it);
 * - `provinces`: the province codes whose data it may see (`'*'` = every province);
 * - `purposes`: the declared purposes it processes personal data for (src/security/purposes.ts); a
 *   purpose is what unmasks personal data, never the role alone (Decree 13/2023/NĐ-CP, art. 3:
 *   personal data is processed only for a stated purpose).
 */
export const ROLES = ['VIEWER', 'ANALYST', 'STEWARD', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export type PrincipalKind = 'api-key' | 'jwt' | 'anonymous' | 'local';

export interface Principal {
  /** Stable id for logs: `key:<id>`, `jwt:<sub>`, `anonymous`, `local`. */
  readonly id: string;
  readonly kind: PrincipalKind;
  readonly role: Role;
  /** Province codes (2 digits, current codes) or '*' for every province. Never empty. */
  readonly provinces: readonly string[] | '*';
  readonly purposes: readonly string[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The role as given on a command line or in a claim (case-insensitive), or an error naming the roles. */
export function parseRole(value: string, where: string): Role {
  const upper = value.trim().toUpperCase();
  if (isRole(upper)) return upper;
  throw new Error(`${where}: role must be one of ${ROLES.join(', ')}; found "${value}".`);
}

/** True when `role` includes `needed` (ADMIN includes STEWARD includes ANALYST includes VIEWER). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

const PROVINCE_CODE = /^\d{2}$/;

/**
 * A province scope from a list of codes: `['*']` (or `'*'`) means every province. Codes are the two-digit
 * province codes of the unit register (`01` Hà Nội, `38` Thanh Hóa…); an empty list is refused, since
 * a principal that may see no province is a configuration mistake, not a useful grant.
 */
export function parseProvinces(values: readonly string[] | string, where: string): readonly string[] | '*' {
  const list = (typeof values === 'string' ? values.split(',') : [...values])
    .map((v) => String(v).trim())
    .filter((v) => v !== '');
  if (list.includes('*')) return '*';
  if (list.length === 0) {
    throw new Error(
      `${where}: give at least one province code (2 digits, e.g. 38) or "*" for every province.`,
    );
  }
  const codes = list.map((v) => (/^\d$/.test(v) ? `0${v}` : v));
  const bad = codes.find((c) => !PROVINCE_CODE.test(c));
  if (bad !== undefined) {
    throw new Error(`${where}: a province code is 2 digits (e.g. 01, 38) or "*"; found "${bad}".`);
  }
  return [...new Set(codes)].sort();
}

/** The in-process operator: the CLI and tests that build a context without a request. */
export const LOCAL_PRINCIPAL: Principal = Object.freeze({
  id: 'local',
  kind: 'local',
  role: 'ADMIN',
  provinces: '*',
  purposes: Object.freeze([]) as readonly string[],
});

/** The anonymous principal the configuration allows (src/security/security-config.ts). */
export function anonymousPrincipal(role: Role, provinces: readonly string[] | '*'): Principal {
  return { id: 'anonymous', kind: 'anonymous', role, provinces, purposes: [] };
}

/** For messages and banners: `VIEWER of 01, 38` / `ADMIN of every province`. */
export function describePrincipal(p: Principal): string {
  const where = p.provinces === '*' ? 'every province' : `province ${p.provinces.join(', ')}`;
  const why = p.purposes.length > 0 ? ` for ${p.purposes.join(', ')}` : '';
  return `${p.role} of ${where}${why}`;
}
