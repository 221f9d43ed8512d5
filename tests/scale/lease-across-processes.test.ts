import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { advisoryLockHeld, advisoryLockKey, supportsAdvisoryLocks } from '../../src/sync/advisory-lock.js';
import { acquireLease, LeaseHeldError } from '../../src/sync/lease.js';
import { ROOT, type SharedDatabase, sharedDatabase, sharedEngines } from '../support/shared-database.js';

/**
 * The sync lease between processes (src/sync/lease.ts): a live holder in another process refuses the
 * source with a message naming it; when that worker is killed (SIGKILL: no clean-up of its own) the
 * source is free at once — on PostgreSQL because the server ends the dead session's advisory lock,
 * on SQLite because the holder's pid no longer runs.
 */
function holdLease(shared: SharedDatabase, name: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/support/hold-lease.ts'), JSON.stringify(shared.config), name],
    { cwd: ROOT, env: shared.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, line: line! });
    });
    child.on('close', (code) =>
      reject(new Error(`hold-lease exited (${code}) before answering: ${out}${err}`)),
    );
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGKILL');
  });
}

describe.each(sharedEngines)('sync leases across processes on $name', ({ name }) => {
  let shared: SharedDatabase | undefined;
  let database: Database | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) await killed(c);
    await database?.close();
    database = undefined;
    await shared?.cleanup();
    shared = undefined;
  });

  it('refuses while another process holds the source, and frees it the moment that process is killed', async () => {
    shared = await sharedDatabase(name);
    database = await openDatabase(shared.config);
    await migrateToLatest(database);
    const lease = 'sync:portal-thanh-hoa';

    const holder = await holdLease(shared, lease);
    children.push(holder.child);
    expect(holder.line).toMatch(/^held \S+:\d+$/);
    const holderName = holder.line.slice('held '.length);
    expect(holderName.endsWith(`:${holder.child.pid}`)).toBe(true);
    if (supportsAdvisoryLocks(database)) expect(await advisoryLockHeld(database, lease)).toBe(true);

    // This process, and a third one, are refused, each told who holds it and what to do.
    const refusal = await acquireLease(database, lease).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(LeaseHeldError);
    expect((refusal as LeaseHeldError).message).toContain(
      `Source "portal-thanh-hoa" is already being synced by ${holderName}`,
    );
    expect((refusal as LeaseHeldError).message).toContain('Wait for that run to finish');
    const third = await holdLease(shared, lease).catch((e: Error) => ({ child: null, line: e.message }));
    expect(third.line).toContain(
      `refused Source "portal-thanh-hoa" is already being synced by ${holderName}`,
    );

    // Killed: it releases nothing itself; its lease is free all the same. On PostgreSQL the server frees
    // the advisory lock when it sees the dead client's connection close, a few milliseconds after the
    // process exits: wait for that (bounded), not for any time.
    await killed(holder.child);
    if (supportsAdvisoryLocks(database)) {
      const deadline = Date.now() + 10_000;
      while ((await advisoryLockHeld(database, lease)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const taken = await acquireLease(database, lease);
    try {
      const row = await database.db
        .selectFrom('leases')
        .selectAll()
        .where('name', '=', lease)
        .executeTakeFirst();
      expect(row?.holder).toBe(taken.holder);
      if (supportsAdvisoryLocks(database)) expect(await advisoryLockHeld(database, lease)).toBe(true);
    } finally {
      await taken.release();
    }
    expect(await database.db.selectFrom('leases').selectAll().execute()).toEqual([]);
    if (supportsAdvisoryLocks(database)) expect(await advisoryLockHeld(database, lease)).toBe(false);
  });

  it('derives a stable 64-bit lock key per schema and lease', () => {
    const key = advisoryLockKey('lt_a', 'sync:portal');
    expect(key).toBe(advisoryLockKey('lt_a', 'sync:portal'));
    expect(key).not.toBe(advisoryLockKey('lt_b', 'sync:portal'));
    expect(key).not.toBe(advisoryLockKey('lt_a', 'sync:onestop'));
    const n = BigInt(key);
    expect(n >= -(2n ** 63n) && n < 2n ** 63n).toBe(true);
  });
});
