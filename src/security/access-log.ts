import { type SelectQueryBuilder, sql } from 'kysely';
import type { AccessLogTable, Tables } from '../../schema/tables.js';
import type { Database } from '../db/database.js';
import type { Principal } from './principal.js';

/**
 * The access log of personal data (DESIGN.md §4 "every unmasked read is logged"; Decree 13/2023/NĐ-CP
 * art. 27 asks controllers to record personal-data processing). Every unmasked read is collected
 * during the request and written once when the request ends: one row per (entity type, purpose) with
 * the ids of the records read — never a row per field. The server writes them before the response
 * leaves (src/server/hub-server.ts), and answers with an error instead of the data if it cannot, so no
 * unlogged personal data is ever sent. The log is append-only: the API has no mutation that changes it.
 */
export class PersonalDataReads {
  /** The operation being answered: its name, or `query units` for an anonymous one. */
  operation = 'unknown';
  private readonly reads = new Map<string, { entityType: string; purpose: string; ids: Set<string> }>();

  constructor(readonly principal: Principal) {}

  record(entityType: string, purpose: string, recordId: string): void {
    const key = `${entityType}\u0000${purpose}`;
    let group = this.reads.get(key);
    if (!group) {
      group = { entityType, purpose, ids: new Set() };
      this.reads.set(key, group);
    }
    group.ids.add(recordId);
  }

  get size(): number {
    return this.reads.size;
  }

  /** Writes what was collected (one row per entity type and purpose) and forgets it. */
  async flush(database: Database, now = new Date()): Promise<number> {
    if (this.reads.size === 0) return 0;
    const at = now.toISOString();
    const rows: Omit<AccessLogTable, 'id'>[] = [...this.reads.values()].map((g) => ({
      at,
      principal: this.principal.id,
      role: this.principal.role,
      purpose: g.purpose,
      operation: this.operation,
      entity_type: g.entityType,
      record_ids: JSON.stringify([...g.ids].sort()),
    }));
    await database.db.insertInto('access_log').values(rows).execute();
    this.reads.clear();
    return rows.length;
  }
}

export interface AccessLogEntry {
  id: number;
  at: string;
  principal: string;
  role: string;
  purpose: string | null;
  operation: string;
  entityType: string;
  recordIds: string[];
}

export interface AccessLogFilter {
  principal?: string | null;
  entityType?: string | null;
  recordId?: string | null;
  /** Instants (ISO-8601), inclusive. */
  from?: string | null;
  to?: string | null;
  /** Newest first: rows with id below this. */
  before?: number | null;
  limit: number;
}

type LogQuery = SelectQueryBuilder<Tables, 'access_log', object>;

function filtered<Q extends LogQuery>(q: Q, filter: Omit<AccessLogFilter, 'limit' | 'before'>): Q {
  let out = q as LogQuery;
  if (filter.principal) out = out.where('principal', '=', filter.principal);
  if (filter.entityType) out = out.where('entity_type', '=', filter.entityType);
  // record_ids is a JSON array of strings: the quoted id inside it is an exact element match.
  if (filter.recordId) {
    const pattern = `%${JSON.stringify(filter.recordId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where(sql<boolean>`record_ids like ${pattern} escape '\\'`);
  }
  if (filter.from) out = out.where('at', '>=', filter.from);
  if (filter.to) out = out.where('at', '<=', filter.to);
  return out as Q;
}

/** Rows of the log, newest first (the ADMIN `accessLog` query pages through it). */
export async function listAccessLog(database: Database, filter: AccessLogFilter): Promise<AccessLogEntry[]> {
  let q = filtered(database.db.selectFrom('access_log').selectAll(), filter);
  if (filter.before !== null && filter.before !== undefined) q = q.where('id', '<', filter.before);
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    principal: r.principal,
    role: r.role,
    purpose: r.purpose,
    operation: r.operation,
    entityType: r.entity_type,
    recordIds: JSON.parse(r.record_ids) as string[],
  }));
}

/** How many rows match the filter (all pages). */
export async function countAccessLog(
  database: Database,
  filter: Omit<AccessLogFilter, 'limit' | 'before'>,
): Promise<number> {
  const row = await filtered(database.db.selectFrom('access_log'), filter)
    .select(sql<number>`cast(count(*) as integer)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
