import type { z } from 'zod';
import type { Issue } from '../schema/canonical/issue.js';
import type { Locator } from '../schema/canonical/locator.js';
import type { RecordData, RecordType } from '../schema/canonical/records.js';

/**
 * The connector contract (connectors/README.md). A connector is a pure translator of one source
 * format: given a path (a file or a folder) and its validated configuration, it streams candidate
 * records; it never touches the database, the registry or the clock.
 *
 * Each record carries:
 * - `type` and `sourceKey`: the (source, type, key) identity the engine upserts by
 *   (SOURCES.md "Keys and duplicates"); `null` when the record cannot be keyed (it is quarantined);
 * - `locator`: where it was read;
 * - `raw`: the record as read (quarantine keeps it so a steward can fix and replay);
 * - `data`: the canonical candidate, or `null` when the record could not be mapped at all;
 * - `issues`: every problem found while mapping (all of them, not the first).
 *
 * Besides records a connector reports files it skipped (`{ kind: 'skipped', file, reason }`).
 */
export type CandidateRecord<T extends RecordType = RecordType> = {
  [K in T]: {
    kind: 'record';
    type: K;
    sourceKey: string | null;
    locator: Locator;
    raw: unknown;
    data: RecordData[K] | null;
    issues: Issue[];
  };
}[T];

export interface SkippedFile {
  kind: 'skipped';
  file: string;
  reason: string;
}

export type ConnectorOutput = CandidateRecord | SkippedFile;

export interface Connector<Config = unknown> {
  /** The connector's kind: `dvcqg`, `onestop`, `igate`, `hotich`, `cadre`, `lgsp`. */
  readonly kind: string;
  /** One line for `lienthong sync --help` and the docs. */
  readonly description: string;
  /** Validates the source's configuration (stored as JSON on the source). */
  readonly configSchema: z.ZodType<Config>;
  /** Streams the records of `path` (a file or a folder). Must not buffer the whole input. */
  read(path: string, config: Config): AsyncIterable<ConnectorOutput>;
}
