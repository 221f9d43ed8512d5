import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Tables } from '../../schema/tables.js';
import type { Database, Engine } from '../db/database.js';
import { fillFamilyHash, fillRowHash } from './content-hash.mjs';

/**
 * The sync engine's bulk path: plain SQL with `?` placeholders, one narrow interface for both
 * engines (DESIGN.md §5, kysely's "one narrow interface per dialect"). Kysely's query builder costs
 * more than the statement itself at a million rows, so the hot loop writes SQL text once and binds
 * values; the same text runs on SQLite (prepared statements, cached) and PostgreSQL (`?` → `$n`).
 *
 * Every statement is counted in `database.statements` so tests can prove batching.
 */
export interface SqlSession {
  readonly engine: Engine;
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Inserts rows (arrays in `columns` order), many per statement; `suffix` e.g. an ON CONFLICT clause.
   * With `hash`, a row whose `hash.into` value is null gets the content hash of its `hash.of` text
   * there, computed where the row is written (HashColumn).
   */
  insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    suffix?: string,
    hash?: HashColumn,
  ): Promise<void>;
  /**
   * `select … where <column> in (…)` over a list of any length: chunked under both engines'
   * parameter limits, the list padded to a few fixed sizes so SQLite reuses prepared statements.
   * `text` holds one `(?…)` marker `IN_LIST` where the list goes; `before` are params ahead of it.
   */
  selectIn<T>(
    text: string,
    list: readonly unknown[],
    before?: readonly unknown[],
    after?: readonly unknown[],
  ): Promise<T[]>;
  runIn(text: string, list: readonly unknown[], before?: readonly unknown[]): Promise<void>;
  /** Inserts parent rows with their child rows (Families), every table's rows as `insert` would. */
  insertFamilies(spec: FamilySpec, families: readonly Family[]): Promise<void>;
}

/**
 * Rows of a parent table, each with lists of rows of its child tables (a dossier with its aliases,
 * events, pauses, due revisions and conflicts), inserted together. A parent row whose `hashAt` value is
 * null gets there first the content hash of its values before `hashAt` and its child lists, as
 * inserted (content-hash.mjs `familyHash`): computed where the rows are written, like HashColumn, so a
 * first load (which compares no hash) leaves it to the writer thread.
 */
export interface FamilySpec {
  parent: { table: string; columns: readonly string[] };
  children: readonly { table: string; columns: readonly string[] }[];
  hashAt: number;
}

/** A parent row and, in FamilySpec `children` order, the rows of each child table. */
export interface Family {
  row: unknown[];
  children: readonly (readonly unknown[])[][];
}

/** Fills each family's hash in place, where it is null (FamilySpec). */
export function fillFamilyHashes(spec: FamilySpec, families: readonly Family[]): void {
  for (const f of families) fillFamilyHash(f.row, spec.hashAt, f.children);
}

/**
 * A column a session fills as it writes a row: the content hash (canonical-json.ts `contentHash`) of the
 * text in column `of`, for rows that leave column `into` null. Why: a first load compares no lineage
 * hash (every record is new), so the record's hash is needed only in the stored row, and the writer
 * thread (sqlite-writer-thread.mjs), which has time to spare while the run reads, takes it off the
 * run's thread: ~2 µs a record.
 */
export interface HashColumn {
  into: number;
  of: number;
}

/** Fills a HashColumn in place (rows are the caller's own arrays, built for this insert). */
export function fillHashColumn(rows: readonly (readonly unknown[])[], hash: HashColumn | undefined): void {
  if (hash === undefined) return;
  for (const row of rows) fillRowHash(row as unknown[], hash.into, hash.of);
}

/** Sizes an IN list is padded to (with NULL, which matches nothing). */
const IN_SIZES = [1, 4, 16, 64, 256, 500, 1000] as const;
const MAX_IN = 1000;
/** Well under PostgreSQL's 65,535 bind parameters and SQLite's 32,766. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_INSERT = 500;

function paddedSize(n: number): number {
  for (const s of IN_SIZES) if (n <= s) return s;
  return MAX_IN;
}

function placeholders(n: number): string {
  return `(${new Array(n).fill('?').join(',')})`;
}

/** SQLite binds no booleans or undefined; both engines store booleans as 0/1 (schema conventions). */
function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function needsBinding(row: readonly unknown[]): boolean {
  for (const v of row) if (v === undefined || typeof v === 'boolean') return true;
  return false;
}

export abstract class BaseSession implements SqlSession {
  abstract readonly engine: Engine;
  abstract all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  abstract run(text: string, params?: readonly unknown[]): Promise<number>;

  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    suffix = '',
    hash?: HashColumn,
  ): Promise<void> {
    if (rows.length === 0) return;
    fillHashColumn(rows, hash);
    const per = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / columns.length)));
    const head = `insert into ${table} (${columns.join(',')}) values `;
    const one = placeholders(columns.length);
    // Chunks of a few fixed sizes only, so a handful of statement texts serve every batch (SQLite
    // keeps them prepared; a prepared 500-row insert is large, an unbounded variety would not be).
    let i = 0;
    while (i < rows.length) {
      const left = rows.length - i;
      const size = left >= per ? per : left >= 100 ? 100 : left >= 20 ? 20 : left >= 5 ? 5 : 1;
      const params: unknown[] = [];
      for (let j = i; j < i + size; j++) for (const v of rows[j]!) params.push(v);
      await this.run(`${head}${new Array(size).fill(one).join(',')} ${suffix}`, params);
      i += size;
    }
  }

  async selectIn<T>(
    text: string,
    list: readonly unknown[],
    before: readonly unknown[] = [],
    after: readonly unknown[] = [],
  ): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < list.length; i += MAX_IN) {
      const chunk = list.slice(i, i + MAX_IN);
      const size = paddedSize(chunk.length);
      const padded = [...chunk];
      while (padded.length < size) padded.push(null);
      const rows = await this.all<T>(text.replace('IN_LIST', placeholders(size)), [
        ...before,
        ...padded,
        ...after,
      ]);
      for (const r of rows) out.push(r);
    }
    return out;
  }

  async runIn(text: string, list: readonly unknown[], before: readonly unknown[] = []): Promise<void> {
    for (let i = 0; i < list.length; i += MAX_IN) {
      const chunk = list.slice(i, i + MAX_IN);
      const size = paddedSize(chunk.length);
      const padded = [...chunk];
      while (padded.length < size) padded.push(null);
      await this.write(text.replace('IN_LIST', placeholders(size)), [...before, ...padded]);
    }
  }

  async insertFamilies(spec: FamilySpec, families: readonly Family[]): Promise<void> {
    fillFamilyHashes(spec, families);
    await this.insert(
      spec.parent.table,
      spec.parent.columns,
      families.map((f) => f.row),
    );
    for (let i = 0; i < spec.children.length; i++) {
      const child = spec.children[i]!;
      await this.insert(
        child.table,
        child.columns,
        families.flatMap((f) => f.children[i]!),
      );
    }
  }

  /** A statement whose answer nobody reads (runIn's deletes): `run` here; posted on the writer thread. */
  protected async write(text: string, params: readonly unknown[]): Promise<void> {
    await this.run(text, params);
  }
}

/** The text of a single-row INSERT: SQLite runs it once per row (sessions here and on the writer thread). */
export function singleRowInsert(table: string, columns: readonly string[], suffix: string): string {
  return `insert into ${table} (${columns.join(',')}) values ${placeholders(columns.length)} ${suffix}`;
}

export class SqliteSession extends BaseSession {
  readonly engine = 'sqlite' as const;
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly handle: BetterSqlite3.Database,
    private readonly counter: Database['statements'],
  ) {
    super();
  }

  private prepare(text: string): BetterSqlite3.Statement {
    let s = this.cache.get(text);
    if (s === undefined) {
      s = this.handle.prepare(text);
      // Long multi-row inserts vary in length; keep the cache bounded.
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(text, s);
    }
    return s;
  }

  async all<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count += 1;
    return this.prepare(text).all(...params.map(bindable)) as T[];
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    this.counter.count += 1;
    return this.prepare(text).run(...params.map(bindable)).changes;
  }

  /**
   * SQLite runs in-process, so a statement costs no round trip: ONE prepared single-row INSERT
   * executed once per row is cheaper than multi-row statements (no 20,000-value parameter arrays to
   * build, copy and bind). Counted as one statement per call, like a multi-row batch would be.
   */
  override async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    suffix = '',
    hash?: HashColumn,
  ): Promise<void> {
    if (rows.length === 0) return;
    this.counter.count += 1;
    fillHashColumn(rows, hash);
    const statement = this.prepare(singleRowInsert(table, columns, suffix));
    for (const row of rows) statement.run(needsBinding(row) ? row.map(bindable) : (row as unknown[]));
  }
}

export class PostgresSession extends BaseSession {
  readonly engine = 'postgres' as const;
  private readonly converted = new Map<string, string>();

  constructor(private readonly conn: Kysely<Tables>) {
    super();
  }

  private pgText(text: string): string {
    let t = this.converted.get(text);
    if (t === undefined) {
      let n = 0;
      t = text.replace(/\?/g, () => `$${++n}`);
      if (this.converted.size > 500) this.converted.clear();
      this.converted.set(text, t);
    }
    return t;
  }

  async all<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const r = await this.conn.executeQuery<T>(CompiledQuery.raw(this.pgText(text), params.map(bindable)));
    return r.rows as T[];
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    const r = await this.conn.executeQuery(CompiledQuery.raw(this.pgText(text), params.map(bindable)));
    return Number(r.numAffectedRows ?? 0n);
  }
}
