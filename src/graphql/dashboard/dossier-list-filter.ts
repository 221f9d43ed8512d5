import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { registerEnumType } from 'type-graphql';
import type { Tables } from '../../../schema/tables.js';
import type { DossierFilterInput } from '../../stats/filter.js';
import { BACKLOG_STATUSES, PAUSED_STATUSES } from '../../stats/measures.js';

/**
 * The `DossierFilter` of the dossier list (`Query.dossiers(filter, orderBy)`) as Kysely conditions
 * over `dossiers` — the same population dossierStats counts (src/stats/filter.ts), communes by their
 * current code. The province list is already narrowed to the caller's scope (toFilterInput).
 */
export function dossierListConditions(
  eb: ExpressionBuilder<Tables, 'dossiers'>,
  filter: DossierFilterInput,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const list = (
    column: 'province_code' | 'unit_code' | 'receiving_office_id' | 'procedure_id' | 'sector_code' | 'status',
    values: readonly string[] | null | undefined,
  ) => {
    if (!values) return;
    // `in ()` is not SQL: an empty list matches nothing.
    out.push(values.length === 0 ? sql<SqlBool>`1 = 0` : eb(column, 'in', [...values]));
  };
  list('province_code', filter.provinceCodes);
  list('unit_code', filter.communeCodes);
  list('receiving_office_id', filter.officeIds);
  list('procedure_id', filter.procedureIds);
  list('sector_code', filter.sectorCodes);
  list('status', filter.statuses);
  if (filter.channels) {
    const known = filter.channels.filter((c) => c !== 'UNKNOWN');
    const parts: Expression<SqlBool>[] = [];
    if (known.length > 0) parts.push(eb('channel', 'in', known));
    if (filter.channels.includes('UNKNOWN')) parts.push(eb('channel', 'is', null));
    out.push(parts.length > 0 ? eb.or(parts) : sql<SqlBool>`1 = 0`);
  }
  if (filter.received?.from) out.push(eb('received_date', '>=', filter.received.from));
  if (filter.received?.to) out.push(eb('received_date', '<=', filter.received.to));
  if (filter.settled?.from) out.push(eb('settled_date', '>=', filter.settled.from));
  if (filter.settled?.to) out.push(eb('settled_date', '<=', filter.settled.to));
  if (filter.overdueAt) {
    // DESIGN.md §3 "overdue": backlog, not paused at the instant, effective due before it.
    const at = filter.overdueAt;
    const running = BACKLOG_STATUSES.filter((s) => !(PAUSED_STATUSES as readonly string[]).includes(s));
    out.push(eb('status', 'in', running));
    out.push(eb('due_at', '<', at));
    out.push(
      sql<SqlBool>`not exists (select 1 from dossier_pauses q where q.dossier_id = dossiers.id and q.started_at <= ${at} and (q.ended_at is null or q.ended_at > ${at}))`,
    );
  }
  return out;
}

/** Orders of the dossier list; each is a keyset (the cursor holds the sort key and the number). */
export enum DossierOrder {
  NUMBER = 'NUMBER',
  RECEIVED_ASC = 'RECEIVED_ASC',
  RECEIVED_DESC = 'RECEIVED_DESC',
}
registerEnumType(DossierOrder, {
  name: 'DossierOrder',
  description: 'Order of a dossier list.',
  valuesConfig: {
    NUMBER: { description: 'By dossier number (default).' },
    RECEIVED_ASC: { description: 'Oldest received first (not yet received first), then by number.' },
    RECEIVED_DESC: { description: 'Latest received first (not yet received last), then by number.' },
  },
});
