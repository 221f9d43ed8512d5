import { Worker } from 'node:worker_threads';
import type { Database } from '../db/database.js';
import {
  BaseSession,
  type Family,
  type FamilySpec,
  type HashColumn,
  singleRowInsert,
} from './sql-session.js';

/**
 * A sync run's SQLite session whose statements execute on a thread of their own
 * (`sqlite-writer-thread.mjs`, its own connection and the run's one write transaction).
 *
 * Why: SQLite's work (B-tree inserts, page encoding, the commit) is about half of a first sync, and
 * better-sqlite3 runs it on the calling thread. Writes that answer nothing (inserts, deletes by key
 * list) are posted and the run goes on reading and building the next batch on the main thread while
 * the writer thread executes them: the machine's second core takes the SQL (src/sync/README.md
 * "The writer thread"). Questions (`all`, `run`, `selectIn`) wait for their answer; the thread runs
 * every message in order, so a question sees every earlier write.
 *
 * Memory stays flat: the run may be at most `MAX_FENCES` fences of `FENCE_ROWS` rows ahead of the
 * thread, then it waits.
 *
 * Errors: a failed write is reported by the next question, fence or commit — with the statement's
 * own message and code — and the run rolls back, as with a statement failing in place.
 */
const FENCE_ROWS = 1_000;
const WRITER_YOUNG_GENERATION_MB = 8;
const MAX_FENCES = 2;

const THREAD_FILE = new URL('./sqlite-writer-thread.mjs', import.meta.url);

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface ThreadFailure {
  message: string;
  code?: string;
}

/** The thread's failure as an Error carrying SQLite's code (describeFailure reads `SQLITE_BUSY`). */
function toError(f: ThreadFailure): Error {
  return Object.assign(new Error(f.message), f.code === undefined ? {} : { code: f.code });
}

export class WriterThreadSession extends BaseSession {
  readonly engine = 'sqlite' as const;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private fences: Promise<unknown>[] = [];
  private rowsSinceFence = 0;
  private ended: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly counter: Database['statements'],
  ) {
    super();
    worker.on('message', ([id, ok, value]: [number, boolean, unknown]) => {
      const w = this.waiting.get(id);
      if (w === undefined) return;
      this.waiting.delete(id);
      if (ok) w.resolve(value);
      else w.reject(toError(value as ThreadFailure));
    });
    const stop = (error: Error) => {
      this.ended ??= error;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('error', (e) => stop(new Error(`The SQLite writer thread failed: ${e.message}`)));
    worker.on('exit', () => stop(new Error('The SQLite writer thread has ended: the run is over.')));
  }

  /**
   * Starts the thread on `file` with `pragmas` and waits until it holds the write transaction
   * (`begin immediate`; a busy database is refused as it would be on this thread).
   */
  static async open(
    file: string,
    pragmas: readonly string[],
    counter: Database['statements'],
  ): Promise<WriterThreadSession> {
    // No inherited loader flags (tsx's --import): the thread is plain JavaScript and needs none.
    const worker = new Worker(THREAD_FILE, {
      workerData: { file, pragmas },
      execArgv: [],
      // What the thread holds is the few batches in flight; V8's default young generation (2 × 16 MiB)
      // grew to its full size on the rows it receives and added ~27 MiB to a sync's peak memory
      // (bench/ingest.ts, 200,000 dvcqg rows: 241–244 vs 269–270 MiB, no change in speed).
      resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB },
    });
    const session = new WriterThreadSession(worker, counter);
    const ready = new Promise<unknown>((resolve, reject) => session.waiting.set(0, { resolve, reject }));
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return session;
  }

  private ask(message: unknown[]): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    message[1] = id;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** Posts a write that answers nothing; waits only when the thread is too far behind. */
  private async post(message: unknown[], rows: number): Promise<void> {
    if (this.ended) throw this.ended;
    this.worker.postMessage(message);
    this.rowsSinceFence += rows;
    if (this.rowsSinceFence < FENCE_ROWS) return;
    this.rowsSinceFence = 0;
    const fence = this.ask(['p', 0]);
    // Awaited below when the run gets too far ahead; a failure it reports is rethrown there.
    fence.catch(() => undefined);
    this.fences.push(fence);
    if (this.fences.length > MAX_FENCES) await this.fences.shift();
  }

  async all<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count += 1;
    return (await this.ask(['q', 0, 'all', text, params])) as T[];
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    this.counter.count += 1;
    return (await this.ask(['q', 0, 'run', text, params])) as number;
  }

  override async insert(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    suffix = '',
    hash?: HashColumn,
  ): Promise<void> {
    if (rows.length === 0) return;
    this.counter.count += 1;
    const text = singleRowInsert(table, columns, suffix);
    // A hash column is filled on the thread (sql-session.ts HashColumn).
    await this.post(
      hash === undefined ? ['i', text, rows] : ['i', text, rows, hash.into, hash.of],
      rows.length,
    );
  }

  /** Families are posted whole; the thread fills their hashes and inserts every table's rows. */
  override async insertFamilies(spec: FamilySpec, families: readonly Family[]): Promise<void> {
    if (families.length === 0) return;
    let rows = families.length;
    const childTexts: string[] = [];
    for (let i = 0; i < spec.children.length; i++) {
      const c = spec.children[i]!;
      childTexts.push(singleRowInsert(c.table, c.columns, ''));
      let n = 0;
      for (const f of families) n += f.children[i]!.length;
      // Counted as `insert` would: one statement per table that has rows.
      if (n > 0) this.counter.count += 1;
      rows += n;
    }
    this.counter.count += 1;
    const text = singleRowInsert(spec.parent.table, spec.parent.columns, '');
    await this.post(['f', text, childTexts, families, spec.hashAt], rows);
  }

  /** runIn's deletes answer nothing: posted, not waited for. */
  protected override async write(text: string, params: readonly unknown[]): Promise<void> {
    this.counter.count += 1;
    await this.post(['w', text, params], 1);
  }

  /**
   * Commits the run's transaction (every posted write runs first). The run is published when this
   * returns; the thread then checkpoints the write-ahead log and ends on its own.
   */
  async commit(): Promise<void> {
    await this.ask(['c', 0]);
  }

  /** Rolls the run's transaction back (after the writes already posted) and ends the thread. */
  async rollback(): Promise<void> {
    if (this.ended === null) await this.ask(['x', 0]).catch(() => undefined);
    await this.finished();
  }

  private async finished(): Promise<void> {
    if (this.ended !== null) return;
    await new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
  }
}
