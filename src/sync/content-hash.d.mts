// Types of content-hash.mjs (see there).
export function contentHash(text: string): string;
export function hashText(values: readonly unknown[]): string;
export function familyHash(
  row: readonly unknown[],
  hashAt: number,
  children: readonly (readonly (readonly unknown[])[])[],
): string;
export function fillRowHash(row: unknown[], into: number, of: number): void;
export function fillFamilyHash(
  row: unknown[],
  hashAt: number,
  children: readonly (readonly (readonly unknown[])[])[],
): void;
