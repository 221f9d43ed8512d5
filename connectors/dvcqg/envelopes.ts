import type { Locator } from '../../schema/canonical/locator.js';
import type { CandidateRecord, ConnectorOutput, SkippedFile } from '../contract.js';
import type { Issues } from '../shared/values.js';
import { issue, text } from '../shared/values.js';
import { mapDossier } from './map-dossier.js';
import { mapEvent } from './map-event.js';

/**
 * Envelopes of the portal's sync API (SOURCES.md dvcqg): `{session, madonvi, service, isUpdating,
 * data: [...]}`. `DongBoHoSoMC` carries dossiers, `CapNhatTienDoHoSoMC` processing history; any
 * other service is skipped and counted, one SkippedFile notice per envelope.
 */
export const DOSSIER_SERVICE = 'DongBoHoSoMC';
export const HISTORY_SERVICE = 'CapNhatTienDoHoSoMC';

export function isReadService(service: unknown): boolean {
  return service === DOSSIER_SERVICE || service === HISTORY_SERVICE;
}

/** Where an envelope is, for messages: `line 3` (jsonl) and/or its JSON pointer (`/0`). */
export function describeEnvelope(line: number | undefined, pointer: string): string {
  const at = pointer === '' ? 'the top-level envelope' : `the envelope at ${pointer}`;
  return line === undefined ? at : `${at} on line ${line}`;
}

/** The record of one item of a read envelope's `data` array. */
export function itemRecord(service: string, item: unknown, locator: Locator): CandidateRecord {
  const issues: Issues = [];
  const isObject = item !== null && typeof item === 'object' && !Array.isArray(item);
  if (service === HISTORY_SERVICE) {
    if (!isObject)
      return unparsable('dossierEvent', item, locator, 'data item', 'a history entry object', item);
    const { sourceKey, data } = mapEvent(item as Record<string, unknown>, issues);
    return { kind: 'record', type: 'dossierEvent', sourceKey, locator, raw: item, data, issues };
  }
  if (!isObject) return unparsable('dossier', item, locator, 'data item', 'a dossier object', item);
  const data = mapDossier(item as Record<string, unknown>, issues);
  return {
    kind: 'record',
    type: 'dossier',
    sourceKey: data?.number ?? null,
    locator,
    raw: item,
    data,
    issues,
  };
}

/** A record that could not be mapped at all: no key, no data, one UNPARSABLE issue. */
export function unparsable(
  type: 'dossier' | 'dossierEvent',
  raw: unknown,
  locator: Locator,
  field: string,
  expected: string,
  found: unknown,
): CandidateRecord {
  const issues: Issues = [];
  issue(issues, 'UNPARSABLE', field, expected, found);
  return { kind: 'record', type, sourceKey: null, locator, raw, data: null, issues };
}

export function skippedEnvelope(
  file: string,
  line: number | undefined,
  pointer: string,
  service: unknown,
  items: number,
): SkippedFile {
  return {
    kind: 'skipped',
    file,
    reason:
      `${describeEnvelope(line, pointer)}: service ${JSON.stringify(service ?? null)} is not read ` +
      `(only ${DOSSIER_SERVICE}, ${HISTORY_SERVICE}); ${items} item(s) skipped`,
  };
}

/**
 * The outputs of one whole envelope (a JSON Lines line, already parsed): a record per `data` item
 * with the locator `{file, line, pointer: <envelope>/data/<i>}`, or one skipped notice.
 */
export function* envelopeOutputs(
  envelope: unknown,
  file: string,
  line: number | undefined,
  pointer: string,
): Generator<ConnectorOutput> {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) {
    yield unparsable(
      'dossier',
      envelope,
      locate(file, line, pointer),
      'envelope',
      'an envelope object',
      envelope,
    );
    return;
  }
  const e = envelope as Record<string, unknown>;
  const service = text(e.service, 'service', []);
  const data = e.data;
  if (!isReadService(service)) {
    yield skippedEnvelope(file, line, pointer, e.service, Array.isArray(data) ? data.length : 0);
    return;
  }
  if (!Array.isArray(data)) {
    const type = service === HISTORY_SERVICE ? 'dossierEvent' : 'dossier';
    yield unparsable(type, envelope, locate(file, line, pointer), 'data', 'an array of items', data);
    return;
  }
  const base = `${pointer}/data/`;
  for (let i = 0; i < data.length; i++) {
    yield itemRecord(service!, data[i], locate(file, line, base + i));
  }
}

export function locate(file: string, line: number | undefined, pointer: string): Locator {
  return line === undefined ? { file, pointer } : { file, line, pointer };
}
