import type { Command } from 'commander';
import { markAbandonedRuns } from '../../sync/abandoned-runs.js';
import { closeQuarantineEntry, listQuarantine } from '../../sync/quarantine.js';
import { replayQuarantine } from '../../sync/replay.js';
import { type SyncProgress, type SyncResult, syncSource } from '../../sync/run-sync.js';
import { keepSyncHeapSmall } from '../../sync/sync-process-heap.js';
import { say, withDatabase } from '../runtime.js';

/**
 * The data steward's commands (src/sync/README.md):
 * - `lienthong sync <connector> <path> [--source NAME] [--config JSON] [--json]`
 * - `lienthong runs [--source NAME] [--limit N] [--json]`
 * - `lienthong quarantine list [--run ID] [--source NAME] [--status S] [--json]`
 * - `lienthong quarantine replay <runId>` (or `--entry <id>`: the run of that quarantine entry)
 * - `lienthong quarantine close <id> --status RESOLVED|IGNORED [--note TEXT]`
 * A sync exits 0 when the run published (quarantined records included), 1 with one line when not.
 */
function progressPrinter(enabled: boolean): ((p: SyncProgress) => void) | undefined {
  if (!enabled) return undefined;
  return (p) => {
    const rate = p.elapsedMs > 0 ? Math.round((p.read * 1000) / p.elapsedMs) : 0;
    process.stderr.write(
      `\r${p.phase.padEnd(10)} read ${p.read} (${rate}/s)  inserted ${p.inserted}  updated ${p.updated}  ` +
        `unchanged ${p.unchanged}  rejected ${p.rejected}   `,
    );
  };
}

function summary(r: SyncResult): string {
  const lines = [
    `Run ${r.runId} ${r.status}: read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, ` +
      `rejected ${r.rejected} (quarantined), warnings ${r.warnings}.`,
  ];
  for (const s of r.skippedFiles) lines.push(`  skipped ${s.file}: ${s.reason}`);
  if (r.rejected > 0) lines.push(`  see \`lienthong quarantine list --run ${r.runId}\``);
  if (r.resolvedQuarantine !== undefined)
    lines.push(`  resolved ${r.resolvedQuarantine} quarantine entr(y/ies)`);
  return lines.join('\n');
}

function parseConfig(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`--config must be a JSON object, e.g. '{"provinceCode":"38"}'; found ${text}`);
  }
}

function finish(r: SyncResult, json: boolean): void {
  if (json) {
    const { runId, status, read, inserted, updated, unchanged, rejected, warnings } = r;
    say(JSON.stringify({ runId, status, read, inserted, updated, unchanged, rejected, warnings }));
  } else {
    say(summary(r));
  }
  if (r.status !== 'PUBLISHED') throw new Error(r.message ?? `run ${r.runId} ${r.status}`);
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('read a source export through its connector and publish it (one atomic run)')
    .argument('<connector>', 'connector kind: dvcqg, onestop, igate, hotich, cadre, lgsp')
    .argument('<path>', 'the export: a file or a folder')
    .option('--source <name>', 'the source name (default: the connector kind)')
    .option('--config <json>', 'the source configuration as JSON, e.g. {"provinceCode":"38"}')
    .option('--json', 'print {runId, status, read, inserted, updated, unchanged, rejected, warnings}', false)
    .action(
      async (
        connector: string,
        path: string,
        options: { source?: string; config?: string; json: boolean },
      ) => {
        keepSyncHeapSmall();
        await withDatabase(async (database) => {
          const onProgress = progressPrinter(!options.json && process.stderr.isTTY === true);
          const result = await syncSource(
            database,
            { connector, path, source: options.source, config: parseConfig(options.config) },
            { onProgress },
          );
          if (onProgress) process.stderr.write('\n');
          finish(result, options.json);
        });
      },
    );

  program
    .command('runs')
    .description(
      'list sync runs, newest first (runs left RUNNING by a dead process are marked ABORTED first)',
    )
    .option('--source <name>', 'only this source')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON', false)
    .action(async (options: { source?: string; limit: string; json: boolean }) => {
      await withDatabase(async (database) => {
        await markAbandonedRuns(database);
        let q = database.db.selectFrom('sync_runs').selectAll();
        if (options.source) q = q.where('source_id', '=', options.source);
        const rows = await q
          .orderBy('id', 'desc')
          .limit(Number(options.limit) || 20)
          .execute();
        if (options.json) return say(JSON.stringify(rows));
        for (const r of rows) {
          say(
            `${r.id}\t${r.status}\t${r.source_id} (${r.kind})\t${r.started_at}\tread ${r.read} ins ${r.inserted} upd ${r.updated} ` +
              `unch ${r.unchanged} rej ${r.rejected} warn ${r.warnings}${r.replay_of ? `\treplay of ${r.replay_of}` : ''}` +
              `${r.message ? `\t${r.message}` : ''}`,
          );
        }
      });
    });

  const quarantine = program.command('quarantine').description('records rejected by sync runs');
  quarantine
    .command('list')
    .description('list quarantine entries with every reason and where the record was read')
    .option('--run <id>', 'entries of this run')
    .option('--source <name>', 'entries of this source')
    .option('--status <status>', 'OPEN, RESOLVED or IGNORED')
    .option('--json', 'print JSON', false)
    .action(async (options: { run?: string; source?: string; status?: string; json: boolean }) => {
      await withDatabase(async (database) => {
        const entries = await listQuarantine(database, {
          runId: options.run === undefined ? undefined : Number(options.run),
          sourceId: options.source,
          status: options.status as 'OPEN' | 'RESOLVED' | 'IGNORED' | undefined,
        });
        if (options.json) return say(JSON.stringify(entries));
        for (const e of entries) {
          const where = [
            e.locator.file,
            e.locator.line && `line ${e.locator.line}`,
            e.locator.row && `row ${e.locator.row}`,
            e.locator.pointer,
          ]
            .filter(Boolean)
            .join(', ');
          say(
            `#${e.id} ${e.status} run ${e.runId} ${e.sourceId} ${e.recordType ?? '?'} ${e.sourceKey ?? '(no key)'} @ ${where}`,
          );
          for (const r of e.reasons)
            say(`    ${r.severity} ${r.field}: expected ${r.expected}, found ${r.found}`);
        }
      });
    });
  quarantine
    .command('replay')
    .description(
      're-sync the source path of a run after fixing the file; entries now accepted become RESOLVED',
    )
    .argument('<id>', 'a run id (or, with --entry, a quarantine entry id)')
    .option('--entry', 'the id is a quarantine entry: replay the run it came from', false)
    .option('--json', 'print JSON', false)
    .action(async (id: string, options: { entry: boolean; json: boolean }) => {
      keepSyncHeapSmall();
      await withDatabase(async (database) => {
        const n = Number(id);
        if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a numeric id; found "${id}"`);
        const result = await replayQuarantine(database, options.entry ? { entryId: n } : { runId: n });
        finish(result, options.json);
      });
    });
  quarantine
    .command('close')
    .description('close a quarantine entry by hand')
    .argument('<id>', 'the entry id')
    .requiredOption('--status <status>', 'RESOLVED or IGNORED')
    .option('--note <text>', 'why')
    .action(async (id: string, options: { status: string; note?: string }) => {
      if (options.status !== 'RESOLVED' && options.status !== 'IGNORED') {
        throw new Error(`--status must be RESOLVED or IGNORED; found "${options.status}"`);
      }
      await withDatabase(async (database) => {
        await closeQuarantineEntry(database, Number(id), options.status as 'RESOLVED' | 'IGNORED', {
          note: options.note,
          by: 'cli',
        });
        say(`Quarantine entry ${id} is ${options.status}.`);
      });
    });
}
