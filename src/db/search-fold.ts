import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Engine } from './database.js';

/**
 * Search text folding, the same on both engines: lower case, and the Vietnamese letters without their
 * marks (đ → d), so "uy ban" and "ỦY BAN" both find "Ủy ban nhân dân" — people type names without
 * diacritics as often as with them (the unit search does the same through its name keys,
 * src/units/name-key.ts). SQLite's own lower() and LIKE fold ASCII only, so SQLite gets the function
 * `lt_fold` (registered on every connection, src/db/dialects/sqlite.ts); PostgreSQL folds with
 * lower() and translate() over the table below — text is stored NFC (connectors/shared/text.ts), so
 * every Vietnamese letter is one precomposed character.
 */
const MARKED = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const PLAIN = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
const FROM = MARKED + MARKED.toUpperCase();
const TO = PLAIN + PLAIN;
const PLAIN_OF = new Map([...FROM].map((c, i) => [c, TO[i]!]));

/** The folded form of a text (what `foldedColumn` computes in SQL). */
export function searchFold(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC').toLowerCase()) out += PLAIN_OF.get(c) ?? c;
  return out;
}

/** `%folded%`: a LIKE pattern matching the folded search text anywhere. */
export function searchPattern(text: string): string {
  return `%${searchFold(text.trim())}%`;
}

/** The folded value of a text column, in the engine's SQL. */
export function foldedColumn(engine: Engine, column: Expression<string | null>): RawBuilder<string> {
  return engine === 'sqlite'
    ? sql<string>`lt_fold(${column})`
    : sql<string>`translate(lower(${column}), ${sql.lit(FROM)}, ${sql.lit(TO)})`;
}
