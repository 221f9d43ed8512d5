/**
 * The purposes a principal may declare for processing personal data, and which kinds of personal data
 * each one unmasks. Decree 13/2023/NĐ-CP on personal data protection (art. 3, art. 11) allows processing
 * only for a purpose stated in advance, so the hub unmasks a personal field only when the principal's
 * role is ANALYST or above AND one of its declared purposes covers that field's category.
 *
 * Categories (src/security/pii-fields.ts assigns one to every personal field):
 * - APPLICANT: people who file dossiers (names, ID numbers, phones, addresses, birth dates);
 * - STAFF: civil servants' identity (national ID, birth date);
 * - RAW_PAYLOAD: quarantined source records as read, which may hold any of the above.
 */
export const PURPOSES = {
  CASE_HANDLING: {
    categories: ['APPLICANT'],
    description: 'Handling administrative dossiers: contacting and identifying applicants (thụ lý hồ sơ).',
  },
  STAFF_MANAGEMENT: {
    categories: ['STAFF'],
    description: 'Personnel management of cadres and civil servants (quản lý cán bộ, công chức).',
  },
  DATA_QUALITY: {
    categories: ['RAW_PAYLOAD'],
    description: 'Fixing rejected source records: reading quarantined payloads as the source sent them.',
  },
  AUDIT: {
    categories: ['APPLICANT', 'STAFF', 'RAW_PAYLOAD'],
    description: 'Inspection and audit (thanh tra, kiểm tra): every category, every read logged.',
  },
  STATISTICS: {
    categories: [],
    description: 'Statistics and dashboards: never unmasks anything (aggregates need no personal data).',
  },
} as const satisfies Record<string, { categories: readonly PiiCategory[]; description: string }>;

export type PiiCategory = 'APPLICANT' | 'STAFF' | 'RAW_PAYLOAD';
export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_NAMES = Object.keys(PURPOSES) as Purpose[];

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && Object.hasOwn(PURPOSES, value);
}

/** A purpose given on a command line (case-insensitive), or an error listing the vocabulary. */
export function parsePurpose(value: string, where: string): Purpose {
  const upper = value.trim().toUpperCase();
  if (isPurpose(upper)) return upper;
  throw new Error(`${where}: purpose must be one of ${PURPOSE_NAMES.join(', ')}; found "${value}".`);
}

/** The first of `purposes` that covers `category`, or null: the purpose an unmasked read is logged under. */
export function purposeFor(purposes: readonly string[], category: PiiCategory): Purpose | null {
  for (const p of purposes) {
    if (isPurpose(p) && (PURPOSES[p].categories as readonly PiiCategory[]).includes(category)) return p;
  }
  return null;
}
