import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ExecutionResult } from 'graphql';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { type ContextOptions, createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { type SyncResult, syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import type { TestEngine } from '../support/engines.js';

export const SAMPLES = path.resolve('fixtures/samples');

/** Every sample kind, in the order the hub loads them; sources named by kind, province 38 (Thanh Hóa). */
export const SAMPLE_SYNCS = ['lgsp', 'onestop', 'igate', 'hotich', 'dvcqg', 'cadre'] as const;

/** Syncs every sample export through the engine; returns each run's summary by source. */
export async function syncSamples(database: Database): Promise<Map<string, SyncResult>> {
  const results = new Map<string, SyncResult>();
  for (const kind of SAMPLE_SYNCS) {
    const result = await syncSource(database, {
      connector: kind,
      path: path.join(SAMPLES, kind),
      config: { provinceCode: '38' },
    });
    expect(result.status, `${kind}: ${result.message ?? ''}`).toBe('PUBLISHED');
    results.set(kind, result);
  }
  return results;
}

/** A fresh database of `engine` with the unit register and every sample export synced. */
export async function openWithSamples(engine: TestEngine): Promise<Database> {
  const database = await engine.open();
  await loadUnitReference(database);
  await syncSamples(database);
  return database;
}

// biome-ignore lint/suspicious/noExplicitAny: query results are checked field by field.
export type Data = any;

/** Runs a query in a fresh context (fresh loaders), as the server does per request. */
export async function run(
  database: Database,
  source: string,
  variables: Record<string, unknown> = {},
  options: ContextOptions = {},
): Promise<ExecutionResult<Data>> {
  const schema = await buildHubSchema();
  return runGraphQL({
    schema,
    source,
    variableValues: variables,
    contextValue: createContext(database, options),
  });
}

export async function ok(
  database: Database,
  source: string,
  variables: Record<string, unknown> = {},
  options: ContextOptions = {},
): Promise<Data> {
  const result = await run(database, source, variables, options);
  expect(result.errors).toBeUndefined();
  return result.data;
}

/** A sample CSV as records (header row → keys), BOM stripped. */
export function readCsv(kind: string, file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(SAMPLES, kind, file), 'utf8');
  return parse(text, { bom: true, columns: true, relax_quotes: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
}

/** The 1-based physical line of a sample file where the first line starting with `key` is. */
export function lineOf(kind: string, file: string, key: string): number {
  const lines = fs
    .readFileSync(path.join(SAMPLES, kind, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const index = lines.findIndex((l) => l.startsWith(key));
  expect(index, `${key} in ${kind}/${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** `yyyy-MM-dd HH:mm:ss[.SSS]` in Vietnam local time (UTC+7, SOURCES.md "Common rules") → UTC ISO. */
export function localToUtc(local: string): string {
  return new Date(`${local.trim().replace(' ', 'T')}+07:00`).toISOString();
}
