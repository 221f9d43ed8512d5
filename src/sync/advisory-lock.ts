import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * A PostgreSQL session-level advisory lock for one sync lease (DESIGN.md §1: "sync runs take a
 * database lease so two workers never run the same source at once").
 *
 * The lock lives in the server, not in a row: it is held by one connection set aside from the pool for
 * the whole run, and the server frees it the moment that session ends — on `release()`, and also when
 * the worker is killed, crashes or loses its machine. That is what the `leases` row alone cannot give
 * across hosts (a dead holder on another machine is only recognised when its row expires).
 *
 * The key is a stable signed 64-bit number: the first 8 bytes of SHA-256 over
 * `lienthong:<current schema>:<lease name>`. The schema is part of it because advisory locks are
 * per database, and several hubs (or test files) may share one database, each in its own schema.
 *
 * Only for a PostgreSQL server: PGlite is a single session (`database.singleSession`), so no
 * connection can be set aside there; callers fall back to the row lease (src/sync/lease.ts).
 */
export interface AdvisoryLock {
  /** The 64-bit key, as PostgreSQL shows it in `pg_locks` (classid = high 32 bits, objid = low). */
  readonly key: string;
  /** Unlocks and returns the connection to the pool. Safe to call twice. */
  release(): Promise<void>;
}

export function advisoryLockKey(schema: string, leaseName: string): string {
  const digest = crypto.createHash('sha256').update(`lienthong:${schema}:${leaseName}`).digest();
  return digest.readBigInt64BE(0).toString();
}

export function supportsAdvisoryLocks(database: Database): boolean {
  return database.engine === 'postgres' && database.singleSession !== true;
}

/**
 * Tries to take the advisory lock for `leaseName` without waiting. Resolves to the held lock, or to
 * `null` when another session holds it. The connection stays checked out until `release()`.
 */
export async function tryAdvisoryLock(database: Database, leaseName: string): Promise<AdvisoryLock | null> {
  if (!supportsAdvisoryLocks(database)) {
    throw new Error(
      `Advisory locks need a PostgreSQL server with a connection pool; this database is ${database.engine}${database.singleSession ? ' (PGlite, one session)' : ''}. Use the leases row instead (src/sync/lease.ts).`,
    );
  }
  let unlock!: () => void;
  const unlockRequested = new Promise<void>((resolve) => {
    unlock = resolve;
  });
  let report!: (outcome: { key: string; got: boolean } | { error: unknown }) => void;
  const outcome = new Promise<{ key: string; got: boolean } | { error: unknown }>((resolve) => {
    report = resolve;
  });
  // `connection().execute` keeps ONE pooled connection for as long as the callback runs: the session
  // that owns the lock. The callback ends after unlocking, which hands the connection back.
  const session = database.db
    .connection()
    .execute(async (conn) => {
      const schema =
        (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(conn)).rows[0]
          ?.schema ?? 'public';
      const key = advisoryLockKey(schema, leaseName);
      const got =
        (await sql<{ got: boolean }>`select pg_try_advisory_lock(${key}::bigint) as got`.execute(conn))
          .rows[0]?.got === true;
      report({ key, got });
      if (!got) return;
      await unlockRequested;
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
    })
    .catch((error: unknown) => {
      // Before the lock was reported: the caller gets the error. After: the session is gone, and
      // with it the lock (the server frees a dead session's locks), so there is nothing to undo.
      report({ error });
    });
  const result = await outcome;
  if ('error' in result) throw result.error;
  if (!result.got) {
    await session;
    return null;
  }
  let released: Promise<void> | null = null;
  return {
    key: result.key,
    release() {
      if (!released) {
        unlock();
        released = session;
      }
      return released;
    },
  };
}

/**
 * Whether some session of this database holds the advisory lock of `leaseName` (read from `pg_locks`):
 * how a process on another host is known to be alive while its run lasts.
 */
export async function advisoryLockHeld(database: Database, leaseName: string): Promise<boolean> {
  const schema =
    (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db)).rows[0]
      ?.schema ?? 'public';
  const key = BigInt(advisoryLockKey(schema, leaseName));
  const unsigned = BigInt.asUintN(64, key);
  const classid = (unsigned >> 32n).toString();
  const objid = (unsigned & 0xffffffffn).toString();
  const row = await sql<{ n: number }>`
    select cast(count(*) as integer) as n from pg_locks
    where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())
      and classid = ${classid}::oid and objid = ${objid}::oid and objsubid = 1 and granted`.execute(
    database.db,
  );
  return (row.rows[0]?.n ?? 0) > 0;
}
