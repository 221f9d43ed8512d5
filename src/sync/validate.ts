import type { z } from 'zod';
import type { CandidateRecord } from '../../connectors/contract.js';
import type { Issue } from '../../schema/canonical/issue.js';
import { RECORD_SCHEMAS, type RecordData, type RecordType } from '../../schema/canonical/records.js';

/**
 * Validation of one candidate record (SOURCES.md "What quarantines a record": every reason is
 * kept, not the first). Three layers, all collected:
 * 1. the issues the connector found while mapping;
 * 2. the canonical zod schema of the record's type (RECORD_SCHEMAS), every zod issue mapped to an
 *    Issue naming the field path, what was expected and what was found;
 * 3. record-level rules no single field can check (no key; resolved before received).
 * Any `error` issue quarantines the record; `warning` issues accept it with a flag.
 */
export type Validation =
  | { ok: true; type: RecordType; key: string; data: RecordData[RecordType]; warnings: Issue[] }
  | { ok: false; type: RecordType; key: string | null; issues: Issue[] };

export function validateRecord(record: CandidateRecord): Validation {
  const issues: Issue[] = [...record.issues];
  const key =
    typeof record.sourceKey === 'string' && record.sourceKey.trim() !== '' ? record.sourceKey : null;
  if (key === null) {
    issues.push({
      field: 'sourceKey',
      expected: `a source key for a ${record.type} record (SOURCES.md "Keys and duplicates")`,
      found: 'nothing',
      severity: 'error',
      code: 'MISSING',
    });
  }
  let data: RecordData[RecordType] | null = null;
  if (record.data === null) {
    if (!issues.some((i) => i.severity === 'error')) {
      issues.push({
        field: 'record',
        expected: `a ${record.type} record the connector can map`,
        found: 'a record the connector could not map',
        severity: 'error',
        code: 'UNPARSABLE',
      });
    }
  } else {
    const schema = RECORD_SCHEMAS[record.type] as z.ZodType<RecordData[RecordType]>;
    const parsed = schema.safeParse(record.data);
    if (parsed.success) data = parsed.data;
    else for (const zi of parsed.error.issues) issues.push(fromZod(zi, record.data));
    // Record-level rules run on the record as mapped even when a field failed: every reason is kept.
    recordRules(record.type, record.data as RecordData[RecordType], issues);
  }
  const unique = dedupe(issues);
  if (key === null || data === null || unique.some((i) => i.severity === 'error')) {
    return { ok: false, type: record.type, key, issues: unique };
  }
  return { ok: true, type: record.type, key, data, warnings: unique };
}

// Module level, not inside recordRules: under tsx every closure created gets its name set through
// esbuild's keepNames helper, a property definition per record (src/sync/README.md "Performance").
const isText = (v: unknown): v is string => typeof v === 'string';

/** Rules over several fields (SOURCES.md "What quarantines a record"). */
function recordRules(type: RecordType, data: RecordData[RecordType], issues: Issue[]): void {
  if (type === 'dossier') {
    const d = data as Partial<RecordData['dossier']>;
    // Resolved before received quarantines; connectors check it on their own fields too, so the
    // engine adds it only when no connector issue already names the order problem.
    if (
      isText(d.resolvedAt) &&
      isText(d.receivedAt) &&
      d.resolvedAt < d.receivedAt &&
      !issues.some((i) => i.code === 'ORDER')
    ) {
      issues.push({
        field: 'resolvedAt',
        expected: `a time not before the received time ${d.receivedAt}`,
        found: d.resolvedAt,
        severity: 'error',
        code: 'ORDER',
      });
    }
    const rounds = Array.isArray(d.supplements) ? d.supplements : [];
    for (let i = 0; i < rounds.length; i++) {
      const r = rounds[i];
      if (r && isText(r.receivedBackAt) && isText(r.requestedAt) && r.receivedBackAt < r.requestedAt) {
        issues.push({
          field: `supplements[${i}].receivedBackAt`,
          expected: `a time not before the request ${r.requestedAt}`,
          found: r.receivedBackAt,
          severity: 'error',
          code: 'ORDER',
        });
      }
    }
  }
}

function at(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 120 ? `${s.slice(0, 120)}…` : s;
  } catch {
    return String(v);
  }
}

const FORMATS: Record<string, string> = {
  datetime: 'an ISO-8601 UTC instant with milliseconds (2025-07-03T01:22:11.000Z)',
  date: 'a local date yyyy-MM-dd',
};

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? 'record' : out;
}

/** One zod issue → one Issue (field path, expected, found). */
function fromZod(zi: z.core.$ZodIssue, data: unknown): Issue {
  const found = show(at(data, zi.path));
  let expected: string;
  switch (zi.code) {
    case 'invalid_type':
      expected = `a value of type ${zi.expected}`;
      break;
    case 'invalid_value':
      expected = `one of ${zi.values.map((v) => JSON.stringify(v)).join(' | ')}`;
      break;
    case 'invalid_format':
      expected =
        zi.format === 'regex' && 'pattern' in zi
          ? `text matching ${String(zi.pattern)}`
          : (FORMATS[zi.format] ?? `a ${zi.format}`);
      break;
    case 'too_small':
      expected = `at least ${String(zi.minimum)}${zi.origin === 'string' ? ' character(s)' : ''}`;
      break;
    case 'too_big':
      expected = `at most ${String(zi.maximum)}`;
      break;
    default:
      expected = zi.message;
  }
  return { field: fieldName(zi.path), expected, found, severity: 'error', code: 'SCHEMA' };
}

function dedupe(issues: Issue[]): Issue[] {
  // Most records have no issue at all: no set to build.
  if (issues.length < 2) return issues;
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const k = `${i.severity}|${i.code}|${i.field}|${i.expected}|${i.found}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}
