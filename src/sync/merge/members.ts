import { canonicalJson } from '../canonical-json.js';

/**
 * One source record taking part in building an entity: what the lineage table holds for it, with its
 * payload parsed. Merging works on these whatever run or file they came from, so the entity is the
 * same whichever source was synced first (the engine rebuilds an entity from ALL its records).
 */
export interface Member<D = unknown> {
  sourceId: string;
  precedence: number;
  type: string;
  key: string;
  data: D;
  /** The source's own last-update time, when it gives one. */
  updatedAt: string | null;
  /** The run that last changed this record (the current run for records changed now). */
  runId: number;
}

/**
 * Source precedence first (SOURCES.md "Common rules": onestop, igate, hotich, dvcqg; lower number
 * wins, then the source id); within one source the most recently updated record first (SOURCES.md
 * "Keys and duplicates": it speaks for its source): its update time, else the later run; the source
 * key last, so the order never depends on arrival.
 */
export function byPrecedence(a: Member, b: Member): number {
  if (a.precedence !== b.precedence) return a.precedence - b.precedence;
  if (a.sourceId !== b.sourceId) return a.sourceId < b.sourceId ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) {
    if (a.updatedAt === null) return 1;
    if (b.updatedAt === null) return -1;
    return a.updatedAt > b.updatedAt ? -1 : 1;
  }
  if (a.runId !== b.runId) return b.runId - a.runId;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export interface ConflictRow {
  entity_type: string;
  entity_id: string;
  field: string;
  values: string;
  chosen_value: string | null;
  chosen_source: string | null;
  rule: string;
}

export interface FieldSpec<D> {
  field: string;
  get(d: D): unknown;
  /** The comparison form (e.g. a procedure code's national code), when spellings differ but mean the same. */
  compareAs?(v: unknown): unknown;
  /** Personal data: chosen as usual, but never copied into the conflicts table (DESIGN.md §4, PII). */
  pii?: boolean;
  /** False: the caller decides conflicts itself (e.g. after resolving references). */
  conflicts?: false;
  /** Values that lose to any other non-null value (the portal's weak status 9). */
  weak?(d: D): boolean;
}

export interface Picked<D> {
  value: unknown;
  member: Member<D> | null;
}

/** A comparison key: primitives cheaply, objects as canonical JSON (this runs for every field). */
function keyOf(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return v ? 'bt' : 'bf';
    default:
      return `o${canonicalJson(v)}`;
  }
}

/** No value for a field: null, undefined or an empty list. */
export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : canonicalJson(v);
}

/**
 * Picks one field from members already ordered by `byPrecedence`: the first non-empty value; a
 * disagreement between two or more non-empty values is a conflict row (rule `precedence`, or
 * `weak-status` when a weak value lost).
 */
export function pickField<D>(
  entityType: string,
  entityId: string,
  members: readonly Member<D>[],
  spec: FieldSpec<D>,
  conflicts: ConflictRow[],
): Picked<D> {
  if (members.length === 1) {
    // One record (most entities on a first sync): no disagreement is possible; skip the bookkeeping.
    const only = members[0]!;
    const v = spec.get(only.data);
    return isEmptyValue(v) ? { value: null, member: null } : { value: v, member: only };
  }
  let chosen: Member<D> | null = null;
  let chosenWeak: Member<D> | null = null;
  const values: { source: string; value: unknown }[] = [];
  const distinct = new Set<string>();
  const seen = new Set<string>();
  for (const m of members) {
    const v = spec.get(m.data);
    if (isEmptyValue(v)) continue;
    const cmp = keyOf(spec.compareAs ? spec.compareAs(v) : v);
    distinct.add(cmp);
    const pair = `${m.sourceId}\u0000${cmp}`;
    if (!seen.has(pair)) {
      seen.add(pair);
      values.push({ source: m.sourceId, value: v });
    }
    if (spec.weak?.(m.data)) {
      chosenWeak ??= m;
    } else {
      chosen ??= m;
    }
  }
  const winner = chosen ?? chosenWeak;
  const value = winner === null ? null : spec.get(winner.data);
  if (distinct.size > 1 && !spec.pii && spec.conflicts !== false) {
    conflicts.push({
      entity_type: entityType,
      entity_id: entityId,
      field: spec.field,
      values: canonicalJson(values),
      chosen_value: show(value),
      chosen_source: winner?.sourceId ?? null,
      rule:
        chosen !== null && chosenWeak !== null && byIndex(members, chosenWeak) < byIndex(members, chosen)
          ? 'weak-status'
          : 'precedence',
    });
  }
  return { value, member: winner };
}

function byIndex<D>(members: readonly Member<D>[], m: Member<D>): number {
  return members.indexOf(m);
}
