import type { PersonalDataReads } from './access-log.js';
import { maskValue } from './masking.js';
import { PII_FIELDS } from './pii-fields.js';
import { type Principal, roleAtLeast } from './principal.js';
import { type PiiCategory, type Purpose, purposeFor } from './purposes.js';
import { maskRawPayload } from './raw-payload.js';

/**
 * The one place personal data is unmasked (SECURITY.md "Personal data"). A value is shown as it is only
 * when the principal's role is ANALYST or higher AND one of its declared purposes covers the field's
 * category (src/security/purposes.ts); the read is then recorded for the access log. Otherwise the
 * masked form is returned. Resolvers call these for every field listed in PII_FIELDS.
 */
export interface PersonalDataContext {
  readonly principal: Principal;
  readonly personalData: PersonalDataReads;
}

/** The purpose that lets this principal read `category` unmasked, or null (masked). */
export function unmaskingPurpose(principal: Principal, category: PiiCategory): Purpose | null {
  if (!roleAtLeast(principal.role, 'ANALYST')) return null;
  return purposeFor(principal.purposes, category);
}

export interface PersonalFieldRead<T extends string | null | undefined> {
  /** `Type.field` as listed in PII_FIELDS, e.g. `Dossier.applicantIdNumber`. */
  field: string;
  /** The id of the record the value belongs to (logged when unmasked). */
  recordId: string;
  value: T;
}

/** The value of a personal field for this request: as stored (and logged), or masked. */
export function readPersonalField<T extends string | null | undefined>(
  ctx: PersonalDataContext,
  read: PersonalFieldRead<T>,
): T {
  const spec = PII_FIELDS[read.field];
  if (!spec) {
    throw new Error(
      `readPersonalField: "${read.field}" is not in PII_FIELDS (src/security/pii-fields.ts); personal fields are named "Type.field" and listed there with their kind and category.`,
    );
  }
  if (read.value === null || read.value === undefined || read.value === '') return read.value;
  const purpose = unmaskingPurpose(ctx.principal, spec.category);
  if (purpose === null) return maskValue(spec.kind, read.value);
  ctx.personalData.record(read.field.slice(0, read.field.indexOf('.')), purpose, read.recordId);
  return read.value;
}

/**
 * A quarantined record's raw payload for this request: as stored (and logged as a read of
 * `QuarantineEntry` under the purpose that allowed it), or with its personal values masked.
 */
export function readRawPayload(ctx: PersonalDataContext, entryId: string, payload: unknown): unknown {
  const purpose = unmaskingPurpose(ctx.principal, PII_FIELDS['QuarantineEntry.payload']!.category);
  if (purpose === null) return maskRawPayload(payload);
  ctx.personalData.record('QuarantineEntry', purpose, entryId);
  return payload;
}

/**
 * The same for a payload stored as JSON text (the `quarantine.payload` column). Text that is not JSON
 * (a line the connector could not parse) cannot be masked key by key: it is shown as `"***"` unless
 * the purpose allows the raw payload.
 */
export function readRawPayloadText(ctx: PersonalDataContext, entryId: string, text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (unmaskingPurpose(ctx.principal, 'RAW_PAYLOAD') === null) return JSON.stringify('***');
    return readRawPayload(ctx, entryId, text) as string;
  }
  const shown = readRawPayload(ctx, entryId, parsed);
  return shown === parsed ? text : JSON.stringify(shown);
}
