import { type PiiCategory, purposeFor } from '../security/purposes.js';
import { LOCAL_PRINCIPAL, type Principal, type Role } from '../security/principal.js';
import { type HasPrincipal, inScope, provinceFilter, requireRole } from '../security/scope.js';
import type { HubContext } from './context.js';

/**
 * The one place the read API asks "who is asking" (DESIGN.md §4 "Security"). Every list applies
 * `provinceScope` in its SQL WHERE (never after paging), every node lookup answers an out-of-scope
 * record exactly like a missing one, and every personal field goes through `personal`.
 *
 * The request's principal is `context.principal` once src/security puts it there; until then (and for
 * in-process callers: the CLI, tests building a context) it is the local operator (ADMIN, every
 * province, no declared purpose — so personal data stays masked, as for any principal without one).
 */
export function principalOf(context: HubContext): Principal {
  return (context as Partial<HasPrincipal>).principal ?? LOCAL_PRINCIPAL;
}

function holder(context: HubContext): HasPrincipal {
  return { principal: principalOf(context) };
}

/** Throws FORBIDDEN unless the principal's role includes `role`. */
export function requireRoleFor(context: HubContext, role: Role, what: string): void {
  requireRole(holder(context), role, what);
}

/** Province codes to put in `province_code in (…)`, or null for "every province" (add no condition). */
export function provinceScope(context: HubContext): readonly string[] | null {
  return provinceFilter(holder(context));
}

/** True when a record of this province (null = unknown) may be shown to the principal. */
export function visible(context: HubContext, provinceCode: string | null | undefined): boolean {
  return inScope(holder(context), provinceCode);
}

/** What a masked personal field reads as: present, but not shown. */
export const MASKED = '[MASKED]';

/**
 * A personal field's value (DESIGN.md §4: PII masked unless the role and a declared purpose allow it):
 * the value when the principal is ANALYST or above and one of its purposes covers `category`
 * (src/security/purposes.ts), else MASKED. Null stays null (there is nothing to hide).
 */
export function personal(context: HubContext, category: PiiCategory, value: string | null): string | null {
  if (value === null) return null;
  const principal = principalOf(context);
  const allowed =
    principal.role !== 'VIEWER' && principal.role !== undefined && purposeFor(principal.purposes, category) !== null;
  return allowed ? value : MASKED;
}

/**
 * A raw source payload (JSON text) with every scalar value masked but its shape kept, so a steward
 * without the DATA_QUALITY purpose still sees which fields the record had.
 */
export function maskedPayload(context: HubContext, payload: string): string {
  if (personal(context, 'RAW_PAYLOAD', payload) !== MASKED) return payload;
  const mask = (value: unknown): unknown => {
    if (value === null) return null;
    if (Array.isArray(value)) return value.map(mask);
    if (typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mask(v)]));
    }
    return MASKED;
  };
  try {
    return JSON.stringify(mask(JSON.parse(payload)));
  } catch {
    return JSON.stringify(MASKED);
  }
}
