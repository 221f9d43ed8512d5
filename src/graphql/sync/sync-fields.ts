import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { maskedPayload } from '../access.js';
import type { HubContext } from '../context.js';
import { SourceRecordRef } from '../lineage/lineage-types.js';
import { QuarantineEntry, SyncRun } from './sync-types.js';

async function runOf(context: HubContext, id: number): Promise<SyncRun | null> {
  const row = await context.loaders.syncRunById.load(id);
  return row ? SyncRun.from(row) : null;
}

/** Nested fields of quarantine entries: the run (batched) and the masked payload. */
@Resolver(() => QuarantineEntry)
export class QuarantineEntryFields {
  @FieldResolver(() => SyncRun, { nullable: true, description: 'The run that rejected the record.' })
  run(@Root() entry: QuarantineEntry, @Ctx() context: HubContext): Promise<SyncRun | null> {
    return runOf(context, entry.runId);
  }

  @FieldResolver(() => String, {
    description:
      '[PII] The record as read, JSON text. Its personal values (names, ID numbers, birth dates, phones, addresses) are masked, the rest kept, unless your role is ANALYST or above and your purpose covers raw payloads (DATA_QUALITY, AUDIT); unmasked reads are logged.',
  })
  payload(@Root() entry: QuarantineEntry, @Ctx() context: HubContext): string {
    return maskedPayload(context, entry.id, entry.rawPayload);
  }
}

/** The run of a lineage entry (batched). */
@Resolver(() => SourceRecordRef)
export class SourceRecordRefFields {
  @FieldResolver(() => SyncRun, {
    nullable: true,
    description: 'The sync run that last changed this source record.',
  })
  run(@Root() ref: SourceRecordRef, @Ctx() context: HubContext): Promise<SyncRun | null> {
    return runOf(context, ref.runId);
  }
}
