// Content hashes (DESIGN.md §1: "idempotent upsert keyed by (source, source key) with a content hash").
// Plain JavaScript, with its types in content-hash.d.mts: the SQLite writer thread
// (sqlite-writer-thread.mjs, which runs without a TypeScript loader) takes the same hashes as the run,
// so there is one definition of each, here.
import crypto from 'node:crypto';

/**
 * SHA-1 of a text, hex: a change detector, not a security boundary (an accidental collision between
 * two versions of one record is out of reach; nobody gains by forging one). `crypto.hash` is the
 * one-shot form: no Hash object per call, which matters at a million records per run.
 * @param {string} text
 * @returns {string}
 */
export function contentHash(text) {
  return crypto.hash('sha1', text, 'hex');
}

/**
 * The text a content hash is taken over for values an entity builder lays out itself in a fixed order
 * (a row's values in column order, child rows as arrays of their values). Each value is a token whose
 * first character says its kind and whose end can be read off the token itself: a string is its length
 * then `:` then the string (`6:Hà Nội`), a number `#42;`, null `~`, a boolean `t`/`f`, an array `[n;`
 * then its n items. So the text reads back one way only: different values or layouts never give the
 * same text.
 *
 * Why not JSON: a dossier is hashed at every build, and JSON escapes every string character by
 * character (most of a dossier's text is Vietnamese, two-byte in V8): 4–6 µs a dossier against
 * ~0.7 µs for this, and half the text to hash without the column names (measured on 20,000 dossier
 * rows of the ingest bench, Node 20).
 * @param {readonly unknown[]} values
 * @returns {string}
 */
export function hashText(values) {
  let out = `[${values.length};`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') out += `${v.length}:${v}`;
    else if (v === null || v === undefined) out += '~';
    else if (typeof v === 'number') out += `#${v};`;
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else if (Array.isArray(v)) out += hashText(v);
    else
      throw new Error(
        `hashText: expected strings, numbers, booleans, null or arrays of them; found ${typeof v}`,
      );
  }
  return out;
}

/**
 * The content hash of a parent row and its child rows (sql-session.ts `insertFamilies`): over the
 * row's values before `hashAt` (the hash column and what follows it are not content) and each list of
 * child rows, as inserted.
 * @param {readonly unknown[]} row
 * @param {number} hashAt
 * @param {readonly (readonly unknown[])[][]} children
 * @returns {string}
 */
export function familyHash(row, hashAt, children) {
  return contentHash(hashText([row.slice(0, hashAt), ...children]));
}

/**
 * Fills `row[into]`, when it is null, with the content hash of the text `row[of]` (sql-session.ts
 * HashColumn). The one rule both the run and the writer thread apply.
 * @param {unknown[]} row
 * @param {number} into
 * @param {number} of
 */
export function fillRowHash(row, into, of) {
  if (row[into] === null) row[into] = contentHash(/** @type {string} */ (row[of]));
}

/**
 * Fills `row[hashAt]`, when it is null, with the family hash of the row and its child rows
 * (sql-session.ts FamilySpec). The one rule both the run and the writer thread apply.
 * @param {unknown[]} row
 * @param {number} hashAt
 * @param {readonly (readonly unknown[])[][]} children
 */
export function fillFamilyHash(row, hashAt, children) {
  if (row[hashAt] === null) row[hashAt] = familyHash(row, hashAt, children);
}
