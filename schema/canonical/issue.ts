import { z } from 'zod';

/**
 * One reason a record is rejected or flagged: the field, what was expected, what was found.
 * A record collects every issue (SOURCES.md "What quarantines a record": every reason is kept).
 * `severity: 'error'` quarantines the record; `'warning'` accepts it with a flag (an unknown office,
 * procedure or unit never quarantines).
 */
export const Issue = z.object({
  field: z.string(),
  expected: z.string(),
  found: z.string(),
  severity: z.enum(['error', 'warning']),
  code: z.string(), // machine-readable: MISSING | UNPARSABLE | UNKNOWN_VALUE | IMPOSSIBLE_DATE | ORDER | UNRESOLVED | DOCTYPE …
});
export type Issue = z.infer<typeof Issue>;

export function describeIssue(i: Issue): string {
  return `${i.field}: expected ${i.expected}, found ${i.found}`;
}
