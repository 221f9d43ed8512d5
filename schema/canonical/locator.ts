import { z } from 'zod';

/**
 * Where a source record was read: the file, and within it the line (JSON Lines, CSV), the sheet and
 * row (spreadsheets) or the JSON pointer (a record inside a JSON document). Every quarantine entry,
 * lineage row and error message names it (the brief: "a clear message naming the file, line or row").
 */
export const Locator = z.object({
  file: z.string().min(1),
  line: z.number().int().positive().optional(),
  sheet: z.string().optional(),
  row: z.number().int().positive().optional(),
  pointer: z.string().optional(),
});
export type Locator = z.infer<typeof Locator>;

export function describeLocator(l: Locator): string {
  const parts = [l.file];
  if (l.sheet !== undefined) parts.push(`sheet "${l.sheet}"`);
  if (l.row !== undefined) parts.push(`row ${l.row}`);
  if (l.line !== undefined) parts.push(`line ${l.line}`);
  if (l.pointer !== undefined && l.pointer !== '') parts.push(l.pointer);
  return parts.join(', ');
}
