/**
 * A worker that takes a sync lease and holds it until it is killed (tests/scale/lease-across-processes):
 *   node --import tsx tests/support/hold-lease.ts '<DatabaseConfig JSON>' <lease name>
 * Prints `held <host:pid>` once the lease is taken, or `refused <message>` and exits 1.
 */
import type { DatabaseConfig } from '../../src/db/config.js';
import { openDatabase } from '../../src/db/database.js';
import { acquireLease } from '../../src/sync/lease.js';

const config = JSON.parse(process.argv[2]!) as DatabaseConfig;
const name = process.argv[3]!;
const database = await openDatabase(config);
try {
  const lease = await acquireLease(database, name);
  process.stdout.write(`held ${lease.holder}\n`);
  setInterval(() => undefined, 60_000);
} catch (error) {
  process.stdout.write(`refused ${(error as Error).message}\n`);
  await database.close();
  process.exit(1);
}
