import type { PiiKind } from './masking.js';
import { type PiiCategory, PURPOSE_NAMES, PURPOSES } from './purposes.js';

/**
 * Every GraphQL field that holds personal data, by `Type.field`, with how it is masked and which
 * purposes unmask it (DESIGN.md §2: national ID and birth date of staff; applicant name and ID numbers
 * of dossiers). A resolver reads such a field only through `readPersonalField` (src/security/pii.ts),
 * which finds its rule here, and declares it with `piiDescription` so the schema says it is personal.
 * tests/security/pii-marking.test.ts checks both ways: every field listed here that exists in the schema
 * is marked, every marked field is listed, and every field whose NAME looks personal is listed or
 * exempted below.
 *
 * Adding a personal field: add its line here, describe it with `piiDescription('Type.field', '…')`,
 * resolve it with `readPersonalField`.
 */
export interface PiiField {
  kind: PiiKind;
  category: PiiCategory;
}

export const PII_FIELDS: Readonly<Record<string, PiiField>> = {
  // Dossiers: the applicant (chủ hồ sơ) — SOURCES.md dvcqg/onestop ChuHoSo, SoGiayToChuHoSo, iGate applicant.
  'Dossier.applicantName': { kind: 'NAME', category: 'APPLICANT' },
  'Dossier.applicantIdNumber': { kind: 'NATIONAL_ID', category: 'APPLICANT' },
  // Staff (cán bộ, công chức): DESIGN.md §2 "National ID and birth date are PII".
  'StaffMember.nationalId': { kind: 'NATIONAL_ID', category: 'STAFF' },
  'StaffMember.legacyId': { kind: 'NATIONAL_ID', category: 'STAFF' },
  'StaffMember.birthDate': { kind: 'BIRTH_DATE', category: 'STAFF' },
  // Quarantine: the raw record as read (maskRawPayload masks inside it).
  'QuarantineEntry.payload': { kind: 'TEXT', category: 'RAW_PAYLOAD' },
  'QuarantineEntry.reasons': { kind: 'TEXT', category: 'RAW_PAYLOAD' },
};

/**
 * Fields whose names look personal but are not, each with the reason. Offices' contact details are the
 * office's, published on the provincial portal.
 */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  'Office.address': "an office's published address",
  'Office.phone': "an office's published phone number",
  'Office.email': "an office's published e-mail address",
  'AccessLogEntry.principal': 'the id of a key or token subject, not a person',
};

/** Field names that suggest personal data; a schema field matching one must be in PII_FIELDS or NOT_PERSONAL. */
export const PERSONAL_NAME_PATTERN =
  /national.?id|id.?number|identity|birth|phone|address|email|applicant.?name|payload|cccd|cmnd/i;

export const PII_MARK = '[PII]';

/**
 * The description of a personal field: `[PII] <text> Masked (…) unless …`. Use it as the field's
 * `description` so the schema, the playground's docs and the marking test all see it.
 */
export function piiDescription(field: string, text: string): string {
  const spec = PII_FIELDS[field];
  if (!spec) {
    throw new Error(
      `piiDescription("${field}"): ${field} is not in PII_FIELDS (src/security/pii-fields.ts). Add it there with its kind and category first.`,
    );
  }
  const purposes = PURPOSE_NAMES.filter((p) =>
    (PURPOSES[p].categories as readonly string[]).includes(spec.category),
  );
  return `${PII_MARK} ${text} Personal data (${spec.kind}): masked unless your role is ANALYST or higher and your declared purposes include ${purposes.join(' or ')}; every unmasked read is logged.`;
}
