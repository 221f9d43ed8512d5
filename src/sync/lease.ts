import os from 'node:os';
import type { Database } from '../db/database.js';
import { type AdvisoryLock, supportsAdvisoryLocks, tryAdvisoryLock } from './advisory-lock.js';

/**
 * One worker per source (DESIGN.md §1: "sync runs take a database lease so two workers never run
 * the same source at once"). A lease is a `leases` row `sync:<source>` naming its holder
 * (`host:pid`) and an expiry. It is free when absent, expired, or held by a process of this host
 * that is no longer alive (a killed sync). The holder renews it while the run lasts.
 *
 * SQLite has one writer at a time and the run's transaction holds it, so a renewal cannot be seen
 * by others until the run ends: on SQLite the lease is taken for a long time and liveness is
 * judged by the holder's pid (same host). SQLite is one file on one machine, so every holder is on
 * this host and a killed one is recognised at once.
 *
 * On a PostgreSQL server the lease is, first, a session-level advisory lock (advisory-lock.ts) held
 * on a dedicated connection for the whole run: the server decides who holds it, atomically, for every
 * process and host, and frees it when the holder's session ends — a killed worker on any machine
 * releases its source at once. The row is kept beside it for the message naming the holder and for
 * markAbandonedRuns; its expiry is short and renewed from another pooled connection. The lock holder
 * takes the row over whatever it says (a row left by a dead worker cannot block it).
 *
 * PGlite is a single session (no connection can be held aside): the row alone, as on SQLite.
 */
export const LEASE_TTL_MS = { sqlite: 6 * 3_600_000, postgres: 120_000 } as const;
const RENEW_EVERY_MS = 30_000;

export function currentHolder(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** True when `holder` (host:pid) is a process of this host that no longer runs. */
export function holderIsDead(holder: string): boolean {
  const at = holder.lastIndexOf(':');
  const host = holder.slice(0, at);
  const pid = Number(holder.slice(at + 1));
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class LeaseHeldError extends Error {
  constructor(
    readonly leaseName: string,
    readonly holder: string,
    readonly expiresAt: string,
  ) {
    super(
      `Source "${leaseName.replace(/^sync:/, '')}" is already being synced by ${holder} (lease ${leaseName} held until ${expiresAt}). ` +
        'Wait for that run to finish; a run whose process died releases its lease automatically.',
    );
    this.name = 'LeaseHeldError';
  }
}

export interface Lease {
  readonly name: string;
  readonly holder: string;
  release(): Promise<void>;
}

/** Leases this process holds: a second run of the same source in this process is refused too. */
const heldHere = new WeakMap<Database, Set<string>>();
function held(database: Database): Set<string> {
  const existing = heldHere.get(database);
  if (existing) return existing;
  const set = new Set<string>();
  heldHere.set(database, set);
  return set;
}

function isFree(row: { holder: string; expires_at: string }, holder: string, now: string): boolean {
  return row.holder === holder || row.expires_at < now || holderIsDead(row.holder);
}

/** Takes the lease `name` for this process or throws LeaseHeldError naming the holder. */
export async function acquireLease(database: Database, name: string): Promise<Lease> {
  const holder = currentHolder();
  if (held(database).has(name)) {
    const row = await database.db
      .selectFrom('leases')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    throw new LeaseHeldError(name, holder, row?.expires_at ?? 'the end of the run');
  }
  const ttl = LEASE_TTL_MS[database.engine];
  const expiry = () => new Date(Date.now() + ttl).toISOString();
  if (supportsAdvisoryLocks(database)) return acquireWithAdvisoryLock(database, name, holder, expiry);
  try {
    return await acquireRow(database, name, holder, expiry);
  } catch (error) {
    // SQLite: another process's run holds the single writer lock for its whole transaction, so our
    // lease write waited busy_timeout and failed. If that run holds this source, say so plainly.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    const row = await database.db
      .selectFrom('leases')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (row && !isFree(row, holder, new Date().toISOString()))
      throw new LeaseHeldError(name, row.holder, row.expires_at);
    throw new Error(
      `Cannot take the lease of source "${name.replace(/^sync:/, '')}": another process is writing to the SQLite database (a sync of another source?). ` +
        'SQLite allows one writer at a time; run this sync when that one has finished.',
    );
  }
}

/** The row lease alone (SQLite, PGlite): insert it, or take over a row whose holder is gone. */
async function acquireRow(
  database: Database,
  name: string,
  holder: string,
  expiry: () => string,
): Promise<Lease> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date().toISOString();
    const row = await database.db
      .selectFrom('leases')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (row === undefined) {
      const inserted = await database.db
        .insertInto('leases')
        .values({ name, holder, expires_at: expiry() })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1)
        return startLease(database, name, holder, expiry);
      continue;
    }
    if (!isFree(row, holder, now)) throw new LeaseHeldError(name, row.holder, row.expires_at);
    // Compare-and-swap: only the process that saw this exact row takes it over.
    const taken = await database.db
      .updateTable('leases')
      .set({ holder, expires_at: expiry() })
      .where('name', '=', name)
      .where('holder', '=', row.holder)
      .where('expires_at', '=', row.expires_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return startLease(database, name, holder, expiry);
  }
  const row = await database.db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
  throw new LeaseHeldError(name, row?.holder ?? 'another process', row?.expires_at ?? 'unknown');
}

async function acquireWithAdvisoryLock(
  database: Database,
  name: string,
  holder: string,
  expiry: () => string,
): Promise<Lease> {
  let lock = await tryAdvisoryLock(database, name);
  if (!lock) {
    const row = await holderRow(database, name);
    // A worker of this host that died still holds the lock until the server notices its connection
    // closed (milliseconds after the process exits): a restart right after a crash waits for that.
    if (row && holderIsDead(row.holder)) {
      const deadline = Date.now() + 5_000;
      while (!lock && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        lock = await tryAdvisoryLock(database, name);
      }
    }
    if (!lock) {
      throw new LeaseHeldError(
        name,
        row?.holder ?? 'another process',
        row?.expires_at ?? 'the end of its run',
      );
    }
  }
  try {
    await database.db
      .insertInto('leases')
      .values({ name, holder, expires_at: expiry() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ holder, expires_at: expiry() }))
      .execute();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return startLease(database, name, holder, expiry, lock);
}

/**
 * The row naming the advisory lock's holder. It is written right after the lock is taken, so a process
 * refused at that moment may see no row yet, or a dead worker's row not yet taken over: it looks
 * again for a moment, so the message names the real holder.
 */
async function holderRow(
  database: Database,
  name: string,
): Promise<{ holder: string; expires_at: string } | undefined> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const row = await database.db
      .selectFrom('leases')
      .select(['holder', 'expires_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    const plausible =
      row !== undefined && row.expires_at >= new Date().toISOString() && !holderIsDead(row.holder);
    if (plausible || Date.now() > deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startLease(
  database: Database,
  name: string,
  holder: string,
  expiry: () => string,
  lock?: AdvisoryLock,
): Lease {
  held(database).add(name);
  let pending: Promise<unknown> | null = null;
  // Renewal on PostgreSQL only (see above); never awaited by the run, so a single-session engine
  // (PGlite) simply renews once the run's transaction has released the session.
  const timer =
    database.engine === 'postgres'
      ? setInterval(() => {
          if (pending) return;
          pending = database.db
            .updateTable('leases')
            .set({ expires_at: expiry() })
            .where('name', '=', name)
            .where('holder', '=', holder)
            .execute()
            .catch(() => undefined)
            .finally(() => {
              pending = null;
            });
        }, RENEW_EVERY_MS)
      : null;
  timer?.unref();
  return {
    name,
    holder,
    async release() {
      if (timer) clearInterval(timer);
      try {
        if (pending) await pending;
        await database.db
          .deleteFrom('leases')
          .where('name', '=', name)
          .where('holder', '=', holder)
          .execute();
      } finally {
        // After the row: whoever takes the lock next finds the row gone (or takes it over anyway).
        try {
          await lock?.release();
        } finally {
          held(database).delete(name);
        }
      }
    },
  };
}
