import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { maskedPayload } from '../access.js';
import type { HubContext } from '../context.js';
import { SourceRecordRef } from '../lineage/lineage-types.js';
import { QuarantineEntry, QuarantineReason, SyncRun } from './sync-types.js';

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

  @FieldResolver(() => [QuarantineReason], {
    description:
      '[PII] Every reason it was rejected. A reason about a personal field (a malformed national ID, a birth date) shows the faulty value masked under the same rule as `payload`.',
  })
  reasons(@Root() entry: QuarantineEntry, @Ctx() context: HubContext): QuarantineReason[] {
    return entry.reasons.map((reason) => {
      // The value found is part of the raw record: pass it through the payload rule under its own
      // field name (the last segment of `Số định danh cá nhân`, `data.nationalId`, `/DinhDanhCHS/0/SoDinhDanh`).
      const key =
        reason.field
          .split(/[./[\]]/)
          .filter(Boolean)
          .pop() ?? reason.field;
      const masked = JSON.parse(
        maskedPayload(context, entry.id, JSON.stringify({ [key]: reason.found })),
      ) as Record<string, unknown>;
      const found = masked[key];
      if (found === reason.found) return reason;
      return Object.assign(new QuarantineReason(), reason, { found: String(found) });
    });
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
