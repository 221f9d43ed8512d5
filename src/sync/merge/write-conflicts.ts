import type { SqlSession } from '../sql-session.js';
import type { ConflictRow } from './members.js';

/**
 * Writes the conflicts of rebuilt entities (dossiers, offices, procedures, persons): one row per
 * disagreeing field with every source's value (SOURCES.md "disagreements are kept as conflicts").
 * The caller has already deleted the entities' previous conflict rows.
 */
export async function insertConflicts(s: SqlSession, conflicts: readonly ConflictRow[]): Promise<void> {
  await s.insert('conflicts', CONFLICT_COLUMNS, conflicts.map(conflictValues));
}

export const CONFLICT_COLUMNS = [
  'entity_type',
  'entity_id',
  'field',
  '"values"',
  'chosen_value',
  'chosen_source',
  'rule',
] as const;

/** A conflict as its row's values, in CONFLICT_COLUMNS order. */
export function conflictValues(c: ConflictRow): unknown[] {
  return [c.entity_type, c.entity_id, c.field, c.values, c.chosen_value, c.chosen_source, c.rule];
}
