import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Lineage and conflicts (DESIGN.md §2 "Integration records"): every merged record — dossier, office,
 * procedure, staff member — exposes the source records that built it and the fields its sources
 * disagreed on. Shared by every area; the rows come from `source_records` and `conflicts`.
 */
@ObjectType('SourceLocator', {
  description:
    'Where a source record was read (vị trí trong tệp nguồn): the file and, within it, the line, sheet and row, or JSON pointer.',
})
export class SourceLocator {
  @Field(() => String, { description: 'The file name, relative to the synced folder.' })
  file!: string;

  @Field(() => Int, { nullable: true, description: 'Line number (JSON Lines, CSV), 1-based.' })
  line!: number | null;

  @Field(() => String, { nullable: true, description: 'Sheet name (spreadsheets).' })
  sheet!: string | null;

  @Field(() => Int, { nullable: true, description: 'Row number in the sheet (spreadsheets), 1-based.' })
  row!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'JSON pointer of the record inside a JSON document (`/data/3`).',
  })
  pointer!: string | null;

  static parse(text: string): SourceLocator {
    let raw: Record<string, unknown> = {};
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A locator is always written as JSON by the engine; an unreadable one shows as an unknown file.
    }
    const locator = new SourceLocator();
    locator.file = typeof raw.file === 'string' ? raw.file : '(unknown)';
    locator.line = typeof raw.line === 'number' ? raw.line : null;
    locator.sheet = typeof raw.sheet === 'string' ? raw.sheet : null;
    locator.row = typeof raw.row === 'number' ? raw.row : null;
    locator.pointer = typeof raw.pointer === 'string' ? raw.pointer : null;
    return locator;
  }
}

@ObjectType('SourceRecordRef', {
  description:
    'One source record that built a merged record (nguồn dữ liệu): which source, its key there, where it was read, and the sync run that last changed it.',
})
export class SourceRecordRef {
  @Field(() => String, { description: 'The source (its steward-given name, e.g. `onestop`).' })
  source!: string;

  @Field(() => String, {
    description: 'The connector kind of the source: dvcqg, onestop, igate, hotich, cadre or lgsp.',
  })
  kind!: string;

  @Field(() => String, {
    description: 'The kind of source record: dossier, dossierEvent, office, procedure, staff, holiday.',
  })
  recordType!: string;

  @Field(() => String, { description: "The record's key in its source (dossier number, agency id…)." })
  key!: string;

  @Field(() => SourceLocator, { description: 'Where the record was read.' })
  locator!: SourceLocator;

  @Field(() => Int, { description: 'Id of the sync run that last changed this record (see `run`).' })
  runId!: number;

  @Field(() => String, {
    description: "Hash of the record's canonical content: equal hashes mean an unchanged record.",
  })
  contentHash!: string;

  @Field(() => String, {
    nullable: true,
    description: "The source's own last-updated time of the record (UTC ISO-8601), when it gives one.",
  })
  sourceUpdatedAt!: string | null;
}

@ObjectType('ConflictValue', { description: 'What one source said for a disputed field.' })
export class ConflictValue {
  @Field(() => String, { description: 'The source.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Its value: text as is, any other value as JSON text; null when the source left it empty.',
  })
  value!: string | null;
}

@ObjectType('Conflict', {
  description:
    'A field the sources disagree on (xung đột dữ liệu), every value with its source, and the value the merge kept and why.',
})
export class Conflict {
  @Field(() => String, { description: 'The field of the canonical record (`status`, `dueAt`, `unitCode`…).' })
  field!: string;

  @Field(() => [ConflictValue], { description: 'Every value, one per source, in precedence order.' })
  values!: ConflictValue[];

  @Field(() => String, {
    nullable: true,
    description: 'The value kept (text as is, any other value as JSON text).',
  })
  chosenValue!: string | null;

  @Field(() => String, { nullable: true, description: 'The source the kept value came from.' })
  chosenSource!: string | null;

  @Field(() => String, {
    description:
      'The rule that chose it: `precedence` (SOURCES.md order onestop, igate, hotich, dvcqg), `latest` or another engine rule.',
  })
  rule!: string;
}
