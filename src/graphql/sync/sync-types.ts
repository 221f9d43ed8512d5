import type { Selectable } from 'kysely';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { QuarantineTable, SyncRunsTable } from '../../../schema/tables.js';
import { parseJson } from '../batch.js';
import { Connection } from '../connection.js';
import { SourceLocator } from '../lineage/lineage-types.js';

/** Run states (src/sync/run-sync.ts): a run publishes atomically or not at all. */
export enum SyncRunStatus {
  RUNNING = 'RUNNING',
  PUBLISHED = 'PUBLISHED',
  FAILED = 'FAILED',
  ABORTED = 'ABORTED',
}
registerEnumType(SyncRunStatus, {
  name: 'SyncRunStatus',
  description: 'State of a sync run (lần đồng bộ).',
  valuesConfig: {
    RUNNING: { description: 'Reading or applying; nothing of it is visible yet.' },
    PUBLISHED: { description: 'Committed: its records, lineage and quarantine entries are published.' },
    FAILED: { description: 'Rolled back on an error (see `message`): nothing it read was published.' },
    ABORTED: {
      description: 'Its process stopped before publishing (found at the next sync or server start).',
    },
  },
});

export enum QuarantineStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  IGNORED = 'IGNORED',
}
registerEnumType(QuarantineStatus, {
  name: 'QuarantineStatus',
  description: 'State of a quarantine entry (bản ghi bị cách ly).',
  valuesConfig: {
    OPEN: { description: 'Waiting for a steward: the record was not applied.' },
    RESOLVED: { description: 'A later run (a replay of the fixed file) accepted the record.' },
    IGNORED: { description: 'A steward decided the record needs no fix.' },
  },
});

export enum IssueSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
registerEnumType(IssueSeverity, {
  name: 'IssueSeverity',
  description: 'How serious a reason is (schema/canonical/issue.ts).',
  valuesConfig: {
    ERROR: { description: 'The record is rejected (quarantined).' },
    WARNING: { description: 'The record is accepted with a flag.' },
  },
});

@ObjectType('SkippedFile', {
  description: 'A file of the synced folder the connector did not read, and why.',
})
export class SkippedFile {
  @Field(() => String, { description: 'The file name.' })
  file!: string;

  @Field(() => String, { description: 'Why it was skipped.' })
  reason!: string;
}

@ObjectType('SyncRun', {
  description:
    'One sync run (lần đồng bộ): a source export read through its connector and published in one transaction, with its counts.',
})
export class SyncRun {
  @Field(() => Int, { description: 'Run id (increasing: a later run has a larger id).' })
  id!: number;

  @Field(() => String, { description: 'The source synced (its steward-given name).' })
  source!: string;

  @Field(() => String, { description: 'The connector kind: dvcqg, onestop, igate, hotich, cadre or lgsp.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The file or folder read.' })
  path!: string | null;

  @Field(() => SyncRunStatus, { description: 'State of the run.' })
  status!: SyncRunStatus;

  @Field(() => String, { description: 'When it started (UTC ISO-8601).' })
  startedAt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When it finished (UTC ISO-8601); null while running.',
  })
  finishedAt!: string | null;

  @Field(() => Int, { description: 'Records read from the export.' })
  read!: number;

  @Field(() => Int, { description: 'Records new to the hub.' })
  inserted!: number;

  @Field(() => Int, { description: 'Records whose content changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Records read again with the same content (nothing written).' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records rejected into quarantine.' })
  rejected!: number;

  @Field(() => Int, {
    description: 'Records accepted with a warning, plus dossiers left with an unresolved reference.',
  })
  warnings!: number;

  @Field(() => [SkippedFile], { description: 'Files of the folder the connector did not read.' })
  skippedFiles!: SkippedFile[];

  @Field(() => String, { nullable: true, description: 'Why the run failed or was aborted.' })
  message!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The run this one replays (after a steward fixed its file).',
  })
  replayOf!: number | null;

  static from(row: Selectable<SyncRunsTable>): SyncRun {
    const run = new SyncRun();
    run.id = Number(row.id);
    run.source = row.source_id;
    run.kind = row.kind;
    run.path = row.path;
    run.status = row.status as SyncRunStatus;
    run.startedAt = row.started_at;
    run.finishedAt = row.finished_at;
    run.read = Number(row.read);
    run.inserted = Number(row.inserted);
    run.updated = Number(row.updated);
    run.unchanged = Number(row.unchanged);
    run.rejected = Number(row.rejected);
    run.warnings = Number(row.warnings);
    run.skippedFiles = parseJson<{ file?: unknown; reason?: unknown }[]>(row.skipped_files, []).map((s) => {
      const skipped = new SkippedFile();
      skipped.file = String(s.file ?? '');
      skipped.reason = String(s.reason ?? '');
      return skipped;
    });
    run.message = row.message;
    run.replayOf = row.replay_of === null ? null : Number(row.replay_of);
    return run;
  }
}

@ObjectType('QuarantineReason', {
  description: 'One reason a record was rejected (lý do): the field, what was expected, what was found.',
})
export class QuarantineReason {
  @Field(() => String, { description: 'The source field (or canonical field) at fault.' })
  field!: string;

  @Field(() => String, { description: 'What the field should hold.' })
  expected!: string;

  @Field(() => String, { description: 'What it held.' })
  found!: string;

  @Field(() => String, {
    description:
      'Machine-readable reason: MISSING, UNPARSABLE, UNKNOWN_VALUE, IMPOSSIBLE_DATE, ORDER, DOCTYPE…',
  })
  code!: string;

  @Field(() => IssueSeverity, { description: 'ERROR rejects the record; WARNING only flags it.' })
  severity!: IssueSeverity;
}

@ObjectType('QuarantineEntry', {
  description:
    'A rejected source record (bản ghi bị cách ly) with every reason, where it was read, and its raw payload, for a steward to fix and replay.',
})
export class QuarantineEntry {
  @Field(() => ID, { description: 'Entry id.' })
  id!: string;

  @Field(() => Int, { description: 'Id of the run that rejected it (see `run`).' })
  runId!: number;

  @Field(() => String, { description: 'The source.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The kind of record (dossier, office…); null when the connector could not tell.',
  })
  recordType!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The record's key in its source; null when it had none.",
  })
  key!: string | null;

  @Field(() => SourceLocator, { description: 'Where the record was read: fix it there and replay.' })
  locator!: SourceLocator;

  @Field(() => [QuarantineReason], {
    description:
      '[PII] Every reason it was rejected. A reason about a personal field (a malformed national ID, a birth date) shows the faulty value masked under the same rule as `payload`.',
  })
  reasons!: QuarantineReason[];

  @Field(() => QuarantineStatus, { description: 'State of the entry.' })
  status!: QuarantineStatus;

  @Field(() => String, { description: 'When it was quarantined (UTC ISO-8601).' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'When it was resolved or ignored.' })
  closedAt!: string | null;

  @Field(() => String, { nullable: true, description: "The steward's note when closing it." })
  note!: string | null;

  /** The raw payload (JSON text); shown through `payload`, which masks it. */
  rawPayload!: string;

  static from(row: Selectable<QuarantineTable>): QuarantineEntry {
    const entry = new QuarantineEntry();
    entry.id = String(row.id);
    entry.runId = Number(row.run_id);
    entry.source = row.source_id;
    entry.recordType = row.record_type;
    entry.key = row.source_key;
    entry.locator = SourceLocator.parse(row.locator);
    entry.reasons = parseJson<Record<string, unknown>[]>(row.reasons, []).map((r) => {
      const reason = new QuarantineReason();
      reason.field = String(r.field ?? '');
      reason.expected = String(r.expected ?? '');
      reason.found = String(r.found ?? '');
      reason.code = String(r.code ?? '');
      reason.severity = r.severity === 'warning' ? IssueSeverity.WARNING : IssueSeverity.ERROR;
      return reason;
    });
    entry.status = row.status as QuarantineStatus;
    entry.createdAt = row.created_at;
    entry.closedAt = row.closed_at;
    entry.note = row.note;
    entry.rawPayload = row.payload;
    return entry;
  }
}

@ObjectType('SyncRunConnection', { description: 'A page of sync runs, newest first.' })
export class SyncRunConnection extends Connection(SyncRun, 'SyncRun', 'sync run') {}

@ObjectType('QuarantineConnection', { description: 'A page of quarantine entries, oldest first.' })
export class QuarantineConnection extends Connection(
  QuarantineEntry,
  'QuarantineEntry',
  'quarantine entry',
) {}
