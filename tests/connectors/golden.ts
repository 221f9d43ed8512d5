import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CandidateRecord, Connector, SkippedFile } from '../../connectors/contract.js';

export const SAMPLES = join(import.meta.dirname, '../../fixtures/samples');
const GOLDEN = join(import.meta.dirname, '../../fixtures/golden');

export interface Collected {
  records: CandidateRecord[];
  skipped: SkippedFile[];
  /** Every output in the order the connector yielded it. */
  order: (CandidateRecord | SkippedFile)[];
}

export async function collect(connector: Connector<unknown>, path: string): Promise<Collected> {
  const out: Collected = { records: [], skipped: [], order: [] };
  for await (const o of connector.read(path, {})) {
    out.order.push(o);
    if (o.kind === 'skipped') out.skipped.push(o);
    else out.records.push(o);
  }
  return out;
}

/** What a golden file holds: every output without `raw` (the raw payload is the fixture itself). */
export function goldenOf(c: Collected): unknown {
  return {
    skipped: c.skipped,
    records: c.records.map(({ type, sourceKey, locator, data, issues }) => ({
      type,
      sourceKey,
      locator,
      data,
      issues,
    })),
  };
}

/**
 * Compares with fixtures/golden/<name>.json. `UPDATE_GOLDEN=1` rewrites the file instead (review the
 * diff before committing); a plain run only compares and never writes.
 */
export function expectGolden(name: string, actual: unknown): void {
  const path = join(GOLDEN, `${name}.json`);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`, 'utf8');
    return;
  }
  if (!existsSync(path))
    throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/connectors`);
  expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

export function byKey(c: Collected, type: string, key: string): CandidateRecord[] {
  return c.records.filter((r) => r.type === type && r.sourceKey === key);
}
export function one(c: Collected, type: string, key: string): CandidateRecord {
  const found = byKey(c, type, key);
  if (found.length !== 1) throw new Error(`expected one ${type} ${key}, found ${found.length}`);
  return found[0]!;
}
