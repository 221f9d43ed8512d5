import type { DossierCandidate } from '../../schema/canonical/records.js';
import { checkConnectorOutput } from './connector-output.js';
import type { QuarantineInput } from './quarantine.js';
import type { PendingRecord } from './staging.js';
import { validateRecord } from './validate.js';

/**
 * The read side of a run: what the connector yields, checked against the contract, validated, and
 * turned into what the engine applies — an accepted record with its canonical payload and hash, a
 * record to quarantine with every reason, or a skipped file. Pure per record: no database.
 */
export type ReadItem =
  | { kind: 'skipped'; file: string; reason: string }
  | { kind: 'rejected'; entry: QuarantineInput }
  | { kind: 'accepted'; record: PendingRecord; warned: boolean };

export function prepareRecord(
  kind: string,
  index: number,
  out: unknown,
  provinceCode: string | null,
): ReadItem {
  const item = checkConnectorOutput(kind, index, out);
  if (item.kind === 'skipped') return { kind: 'skipped', file: item.file, reason: item.reason };
  const v = validateRecord(item);
  if (v.ok && v.type === 'holiday' && provinceCode === null) {
    // A holiday belongs to a province and the record does not say which (SOURCES.md "onestop").
    return {
      kind: 'rejected',
      entry: {
        type: v.type,
        key: v.key,
        locator: item.locator,
        raw: item.raw,
        reasons: [
          {
            field: 'provinceCode',
            expected: 'a source configured with its provinceCode (the province the holidays belong to)',
            found: 'a source without provinceCode',
            severity: 'error',
            code: 'MISSING',
          },
        ],
      },
    };
  }
  if (!v.ok) {
    return {
      kind: 'rejected',
      entry: { type: v.type, key: v.key, locator: item.locator, raw: item.raw, reasons: v.issues },
    };
  }
  // zod rebuilds the candidate in its schema's key order at every depth (schema/canonical/records.ts),
  // so its JSON is canonical: equal content, equal text, whatever order the connector built it in.
  const payload = JSON.stringify(v.data);
  return {
    kind: 'accepted',
    warned: v.warnings.length > 0,
    record: {
      type: v.type,
      key: v.key,
      data: v.data,
      payload,
      hash: null,
      locator: JSON.stringify(item.locator),
      updatedAt: v.type === 'dossier' ? (v.data as DossierCandidate).updatedAt : null,
      previousEntityId: null,
    },
  };
}
