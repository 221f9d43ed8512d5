import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * The files a connector reads from its path: the file itself, or every regular file directly inside
 * the folder, sorted by name (a stable order makes runs and golden tests reproducible).
 * `name` is what locators show: the file's name (relative to the folder), never an absolute path,
 * so quarantine entries and golden files do not depend on where the export was unpacked.
 */
export interface SourceFile {
  path: string;
  name: string;
}

export async function listSourceFiles(path: string): Promise<{ folder: boolean; files: SourceFile[] }> {
  const info = await stat(path);
  if (!info.isDirectory()) return { folder: false, files: [{ path, name: basename(path) }] };
  const entries = await readdir(path, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ path: join(path, name), name }));
  return { folder: true, files };
}
