import { z } from 'zod';
import type { Connector } from '../../connectors/contract.js';
import type { Database } from '../db/database.js';
import type { SourceInfo } from './run-context.js';

/**
 * The `sources` row a run belongs to (DESIGN.md §2 "Integration records": sources with kind,
 * config, scope). Its id is the steward's name for it (`--source`, default the connector kind).
 *
 * Precedence (lower wins) decides which source a merged field comes from: SOURCES.md "Common rules"
 * orders onestop, igate, hotich, dvcqg; every other kind comes after them. It is configurable per
 * source (`precedence` option, stored on the row).
 */
export const DEFAULT_PRECEDENCE: Readonly<Record<string, number>> = {
  onestop: 10,
  igate: 20,
  hotich: 30,
  dvcqg: 40,
};
export const OTHER_PRECEDENCE = 50;

export class SourceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceConfigError';
  }
}

/** The configuration shape of a connector, for error messages (JSON Schema, compact). */
export function describeConfigShape(connector: Connector): string {
  try {
    const schema = z.toJSONSchema(connector.configSchema as z.ZodType, { unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete schema.$schema;
    return JSON.stringify(schema);
  } catch {
    return '(see the connector README)';
  }
}

/** Validates a source configuration with the connector's zod schema; the error restates the shape. */
export function validateConfig(
  connector: Connector,
  sourceId: string,
  config: unknown,
): Record<string, unknown> {
  const parsed = connector.configSchema.safeParse(config ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(config)'}: ${i.message}`)
      .join('; ');
    throw new SourceConfigError(
      `Invalid configuration for source "${sourceId}" (connector ${connector.kind}): ${problems}. ` +
        `Expected a JSON object of this shape: ${describeConfigShape(connector)}; found ${JSON.stringify(config ?? {})}.`,
    );
  }
  return (parsed.data ?? {}) as Record<string, unknown>;
}

export interface EnsureSourceOptions {
  sourceId: string;
  connector: Connector;
  /** A new configuration; omitted = the stored one (or `{}` for a new source). */
  config?: unknown;
  precedence?: number;
}

/**
 * Creates or updates the source row (committed on its own, before the run's transaction) and
 * returns what the run needs. A source keeps its kind: syncing another connector under the same
 * name is refused.
 */
export async function ensureSource(database: Database, options: EnsureSourceOptions): Promise<SourceInfo> {
  const { sourceId, connector } = options;
  const row = await database.db
    .selectFrom('sources')
    .selectAll()
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (row && row.kind !== connector.kind) {
    throw new SourceConfigError(
      `Source "${sourceId}" is a ${row.kind} source; it cannot be synced with the ${connector.kind} connector. ` +
        `Use --source <another name> for a second source of kind ${connector.kind}.`,
    );
  }
  const storedConfig = row ? (JSON.parse(row.config) as unknown) : {};
  const config = validateConfig(connector, sourceId, options.config ?? storedConfig);
  const provinceCode = typeof config.provinceCode === 'string' ? config.provinceCode : null;
  const precedence =
    options.precedence ?? row?.precedence ?? DEFAULT_PRECEDENCE[connector.kind] ?? OTHER_PRECEDENCE;
  const configText = JSON.stringify(config);
  if (!row) {
    await database.db
      .insertInto('sources')
      .values({
        id: sourceId,
        kind: connector.kind,
        config: configText,
        province_code: provinceCode,
        precedence,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  } else if (
    row.config !== configText ||
    row.precedence !== precedence ||
    row.province_code !== provinceCode
  ) {
    await database.db
      .updateTable('sources')
      .set({ config: configText, precedence, province_code: provinceCode })
      .where('id', '=', sourceId)
      .execute();
  }
  return { id: sourceId, kind: connector.kind, precedence, provinceCode };
}

/** Every source with its precedence (a handful of rows). */
export async function loadSources(database: Database): Promise<Map<string, SourceInfo>> {
  const rows = await database.db
    .selectFrom('sources')
    .select(['id', 'kind', 'precedence', 'province_code'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, kind: r.kind, precedence: Number(r.precedence), provinceCode: r.province_code },
    ]),
  );
}
