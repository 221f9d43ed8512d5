import type { CandidateRecord, ConnectorOutput, SkippedFile } from '../../connectors/contract.js';
import { Locator } from '../../schema/canonical/locator.js';
import { RECORD_SCHEMAS } from '../../schema/canonical/records.js';

/**
 * Checks that what a connector yielded honours the connector contract (connectors/contract.ts,
 * connectors/README.md). A violation is a bug in the connector, not bad data in the file, so it
 * stops the run with an error that restates the contract (DESIGN.md §5: "every misuse gets an error
 * message that restates the contract").
 */
export class ConnectorContractError extends Error {
  constructor(kind: string, index: number, problem: string, found: unknown) {
    super(
      `Connector "${kind}" broke the connector contract at output #${index + 1}: ${problem}; found ${preview(found)}. ` +
        'A connector yields either { kind: "record", type: one of ' +
        `${Object.keys(RECORD_SCHEMAS).join(' | ')}, sourceKey: string | null, locator: { file, line?, sheet?, row?, pointer? }, ` +
        'raw: the record as read, data: the canonical candidate or null, issues: Issue[] } ' +
        'or { kind: "skipped", file: string, reason: string } (connectors/contract.ts).',
    );
    this.name = 'ConnectorContractError';
  }
}

function preview(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** Returns the output typed, or throws ConnectorContractError naming what is wrong. */
export function checkConnectorOutput(kind: string, index: number, out: unknown): ConnectorOutput {
  if (out === null || typeof out !== 'object') {
    throw new ConnectorContractError(kind, index, 'an output is not an object', out);
  }
  const o = out as Record<string, unknown>;
  if (o.kind === 'skipped') {
    if (typeof o.file !== 'string' || typeof o.reason !== 'string') {
      throw new ConnectorContractError(
        kind,
        index,
        'a skipped-file report needs string `file` and `reason`',
        out,
      );
    }
    return o as unknown as SkippedFile;
  }
  if (o.kind !== 'record') {
    throw new ConnectorContractError(kind, index, '`kind` must be "record" or "skipped"', o.kind);
  }
  if (typeof o.type !== 'string' || !Object.hasOwn(RECORD_SCHEMAS, o.type)) {
    throw new ConnectorContractError(kind, index, 'unknown record `type`', o.type);
  }
  if (o.sourceKey !== null && typeof o.sourceKey !== 'string') {
    throw new ConnectorContractError(kind, index, '`sourceKey` must be a string or null', o.sourceKey);
  }
  if (!Locator.safeParse(o.locator).success) {
    throw new ConnectorContractError(
      kind,
      index,
      '`locator` must be { file: non-empty string, line?, sheet?, row?, pointer? }',
      o.locator,
    );
  }
  if (!Array.isArray(o.issues)) {
    throw new ConnectorContractError(kind, index, '`issues` must be an array of Issue', o.issues);
  }
  if (o.data !== null && (typeof o.data !== 'object' || Array.isArray(o.data))) {
    throw new ConnectorContractError(
      kind,
      index,
      '`data` must be the canonical candidate object or null',
      o.data,
    );
  }
  if (!('raw' in o)) {
    throw new ConnectorContractError(kind, index, '`raw` (the record as read) is missing', out);
  }
  return o as unknown as CandidateRecord;
}
