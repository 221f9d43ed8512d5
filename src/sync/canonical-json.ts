/**
 * Canonical JSON: object keys in sorted order at every depth, `undefined` members dropped, no
 * whitespace. Two payloads with the same content give the same text whatever order a connector
 * built them in, so a content hash over it decides "unchanged" (DESIGN.md §1: "idempotent upsert
 * keyed by (source, source key) with a content hash").
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i]);
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += `${JSON.stringify(k)}:${write(v)}`;
      }
      return `${out}}`;
    }
    default:
      return 'null';
  }
}

// The content hashes themselves live in content-hash.mjs (the writer thread takes them too).
export { contentHash, familyHash, hashText } from './content-hash.mjs';
