import { readPersonalField, readRawPayloadText } from '../security/pii.js';
import type { Principal, Role } from '../security/principal.js';
import { inScope, provinceFilter, requireRole } from '../security/scope.js';
import type { HubContext } from './context.js';

/**
 * The one place the read API asks "who is asking" (DESIGN.md §4 "Security"; recipe in
 * src/security/README.md). Every list applies `provinceScope` in its SQL WHERE (never after paging),
 * every node lookup answers an out-of-scope record exactly like a missing one, and every personal field
 * goes through `personal` (masked, or shown and written to the access log).
 *
 * The principal is `context.principal`: the authenticated one for HTTP requests; the local operator
 * (ADMIN, every province, no declared purpose — personal data masked) for in-process callers.
 */
export function principalOf(context: HubContext): Principal {
  return context.principal;
}

/** Throws FORBIDDEN unless the principal's role includes `role`; `what` names the field in the message. */
export function requireRoleFor(context: HubContext, role: Role, what: string): void {
  requireRole(context, role, what);
}

/** Province codes to put in `province_code in (…)`, or null for "every province" (add no condition). */
export function provinceScope(context: HubContext): readonly string[] | null {
  return provinceFilter(context);
}

/**
 * The province codes a list filters on: the principal's scope (null = every province) narrowed by the
 * province the client asked for. A province outside the scope gives an empty list (answer with an
 * empty page, never an error that would confirm what exists there).
 */
export function scopedProvinces(context: HubContext, asked: string | null | undefined): string[] | null {
  const scope = provinceScope(context);
  if (!asked) return scope === null ? null : [...scope];
  if (scope === null) return [asked];
  return scope.includes(asked) ? [asked] : [];
}

/** True when a record of this province (null = unknown) may be shown to the principal. */
export function visible(context: HubContext, provinceCode: string | null | undefined): boolean {
  return inScope(context, provinceCode);
}

/**
 * A personal field's value (DESIGN.md §4: PII masked unless the role and a declared purpose allow it):
 * as stored — and recorded for the access log — when the principal is ANALYST or above and one of its
 * purposes covers the field, else masked by the field's kind (`0010****1234`, `Nguyễn V*** A***`…).
 * `field` is `Type.field` as listed in src/security/pii-fields.ts; `recordId` is the record's id.
 */
export function personal(
  context: HubContext,
  field: string,
  recordId: string,
  value: string | null,
): string | null {
  return readPersonalField(context, { field, recordId, value });
}

/**
 * A quarantined record's raw payload (JSON text): as stored (and logged) with the DATA_QUALITY or AUDIT
 * purpose, else with the values of its personal keys masked (src/security/raw-payload.ts), the rest kept
 * so a steward can still find the faulty field.
 */
export function maskedPayload(context: HubContext, entryId: string, payload: string): string {
  return readRawPayloadText(context, entryId, payload);
}
