// Types of content-hash.mjs (see there).
export function contentHash(text: string): string;
export function hashText(values: readonly unknown[]): string;
export function familyHash(
  row: readonly unknown[],
  hashAt: number,
  children: readonly (readonly (readonly unknown[])[])[],
): string;
