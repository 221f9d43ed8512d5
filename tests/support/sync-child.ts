/**
 * A sync run in a child process, for the kill test (tests/sync/kill.test.ts):
 *   node --import tsx tests/support/sync-child.ts '<DatabaseConfig JSON>' <count>
 * Streams `count` generated portal dossiers through syncSource and prints every progress report as
 * one JSON line on stdout, so the parent can kill it in the middle of the run's transaction.
 */
import { z } from 'zod';
import type { ConnectorOutput } from '../../connectors/contract.js';
import type { DatabaseConfig } from '../../src/db/config.js';
import { openDatabase } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { dossier } from '../sync/support.js';

export function generatedPortal(count: number, status = 'PROCESSING') {
  return {
    kind: 'dvcqg',
    description: 'generated portal dossiers',
    configSchema: z.object({}),
    async *read(): AsyncIterable<ConnectorOutput> {
      for (let i = 0; i < count; i++) {
        const number = `000.01.50.H56-250804-${String(i).padStart(6, '0')}`;
        yield {
          kind: 'record',
          type: 'dossier',
          sourceKey: number,
          locator: { file: 'generated.jsonl', line: i + 1 },
          raw: { MaHoSo: number },
          data: dossier(number, {
            status: status as 'PROCESSING',
            unitCode: '14797',
            unitDate: '2025-08-04',
          }),
          issues: [],
        };
      }
    },
  };
}

if (process.argv[1]?.endsWith('sync-child.ts')) {
  const config = JSON.parse(process.argv[2]!) as DatabaseConfig;
  const count = Number(process.argv[3]);
  const database = await openDatabase(config);
  const result = await syncSource(
    database,
    { connector: generatedPortal(count, 'RETURNED'), path: 'generated.jsonl' },
    {
      batchSize: 500,
      progressIntervalMs: 0,
      onProgress: (p) => {
        process.stdout.write(`${JSON.stringify(p)}\n`);
      },
    },
  );
  process.stdout.write(`${JSON.stringify({ done: result })}\n`);
  await database.close();
}
