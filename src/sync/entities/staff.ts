import { writeLineage } from '../lineage.js';
import type { ChangedRecord, RunContext } from '../run-context.js';

/**
 * Staff records (cadre connector; sourceKey `<person key>#<assignment key>`). Placeholder until the
 * person/assignment rebuild lands: the records are validated, quarantined when bad and kept in the
 * lineage under their person key, so the rebuild can later derive persons and assignments from the
 * lineage alone (every entity is rebuilt from its source records).
 */
export async function rebuildStaff(ctx: RunContext, changed: readonly ChangedRecord[]): Promise<void> {
  await writeLineage(
    ctx,
    changed.map((record) => ({ record, entityId: record.key.split('#')[0] ?? record.key })),
  );
}
