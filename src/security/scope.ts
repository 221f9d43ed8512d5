import { forbiddenError, notFoundError } from './errors.js';
import type { Principal, Role } from './principal.js';
import { roleAtLeast } from './principal.js';

/**
 * The helpers every resolver applies (recipe: src/security/README.md). They take anything with a
 * `principal` — the GraphQL context (src/graphql/context.ts) — so they work the same in resolvers,
 * loaders and steward mutations.
 */
export interface HasPrincipal {
  readonly principal: Principal;
}

/** Throws FORBIDDEN unless the principal's role includes `role`; the message names the role needed. */
export function requireRole(ctx: HasPrincipal, role: Role, what = 'this'): void {
  const { principal } = ctx;
  if (roleAtLeast(principal.role, role)) return;
  throw forbiddenError(
    `${what} needs the ${role} role (or higher); your credentials (${principal.id}) have ${principal.role}. Ask an administrator for a key or token with role ${role}.`,
    { requiredRole: role, role: principal.role },
  );
}

/**
 * The province codes the principal may see, to add to a SQL WHERE (`province_code in (…)`), or null
 * when it may see every province (add no condition). Never an empty list. Rows whose province is
 * unknown (null) are visible only when this returns null: `in (…)` never matches a null.
 */
export function provinceFilter(ctx: HasPrincipal): readonly string[] | null {
  const { provinces } = ctx.principal;
  return provinces === '*' ? null : provinces;
}

/** True when a record of `provinceCode` (null = unknown province) lies in the principal's scope. */
export function inScope(ctx: HasPrincipal, provinceCode: string | null | undefined): boolean {
  const allowed = provinceFilter(ctx);
  if (allowed === null) return true;
  return provinceCode !== null && provinceCode !== undefined && allowed.includes(provinceCode);
}

/**
 * For node lookups that must fail rather than return null: throws NOT_FOUND — the same answer as for a
 * record that does not exist — when the record's province is outside the scope. `what` and `id` should
 * be what the client asked for (`dossier`, its code), never a value read from the out-of-scope record.
 */
export function assertInScope(
  ctx: HasPrincipal,
  provinceCode: string | null | undefined,
  what: string,
  id: string,
): void {
  if (!inScope(ctx, provinceCode)) throw notFoundError(what, id);
}

/** Keeps the rows in scope (for results that come from somewhere a WHERE could not reach). */
export function keepInScope<T>(
  ctx: HasPrincipal,
  rows: readonly T[],
  provinceOf: (row: T) => string | null,
): T[] {
  if (provinceFilter(ctx) === null) return [...rows];
  return rows.filter((row) => inScope(ctx, provinceOf(row)));
}

/**
 * Narrows a province argument the client passed (a filter) to the scope: a province outside the scope
 * gives an empty result, never an error that would confirm what exists there. Returns the codes to
 * filter on, null for "no condition", or an empty list when nothing can match — answer an empty result
 * without querying (`in ()` is not valid SQL).
 */
export function scopedProvinces(
  ctx: HasPrincipal,
  asked: readonly string[] | null | undefined,
): readonly string[] | null {
  const allowed = provinceFilter(ctx);
  if (!asked || asked.length === 0) return allowed;
  if (allowed === null) return asked;
  return asked.filter((code) => allowed.includes(code));
}

/**
 * Throws FORBIDDEN unless the principal may see every province: for what has no province to filter by
 * (API keys, the access log, whose record ids span provinces).
 */
export function requireEveryProvince(ctx: HasPrincipal, what: string): void {
  if (ctx.principal.provinces === '*') return;
  throw forbiddenError(
    `${what} spans every province, so it needs a key or token for every province (--all-provinces); yours covers ${ctx.principal.provinces.join(', ')}.`,
  );
}
