import { registerEnumType } from 'type-graphql';
import { unitCodeLevel } from '../../../schema/canonical/identifiers.js';
import type { HubContext } from '../context.js';
import { Unit } from './unit-types.js';

/**
 * A unit code as a record stores it (an office's or dossier's reported or current unit) → the Unit
 * version in force at a date, through the request's `unitVersionsByCode` loader (one query per batch,
 * whatever the page size). The level is the code's shape (2 digits province, 3 legacy district,
 * 5 commune: SOURCES.md "Common rules"). Null when no version of the code was in force that day.
 */
export async function unitAt(
  context: HubContext,
  code: string | null,
  date: string | null,
): Promise<Unit | null> {
  if (code === null || date === null) return null;
  const versions = await versionsOf(context, code);
  const row = versions.find((v) => v.valid_from <= date && (v.valid_to === null || date <= v.valid_to));
  return row ? Unit.from(row, date) : null;
}

/**
 * The unit a code names on `date`: the version in force then, else the last version before it (a
 * commune dissolved in the 2025 merger still has its name), else null (no such code, or not yet
 * created). For dashboard group keys, which hold codes: a figure reported for an old commune
 * (geography AS_REPORTED) keeps a name.
 */
export async function unitNamedBy(
  context: HubContext,
  code: string | null,
  date: string,
): Promise<Unit | null> {
  if (code === null) return null;
  const versions = await versionsOf(context, code);
  let best: (typeof versions)[number] | undefined;
  for (const v of versions) {
    if (v.valid_from > date) continue;
    if (best === undefined || v.valid_from > best.valid_from) best = v;
  }
  if (best === undefined) return null;
  const shownAt = best.valid_to === null || date <= best.valid_to ? date : best.valid_to;
  return Unit.from(best, shownAt);
}

/** Every version of a unit code, through the request's loader; none when the code has no unit shape. */
async function versionsOf(context: HubContext, code: string) {
  const level = unitCodeLevel(code);
  if (level === null) return [];
  return context.loaders.unitVersionsByCode.load(`${level}:${code}`);
}

/** How a record's reported unit resolved, as the sync engine stored it (src/sync/references.ts). */
export enum UnitResolutionStatus {
  EXACT = 'EXACT',
  SUCCESSOR = 'SUCCESSOR',
  AMBIGUOUS = 'AMBIGUOUS',
  NOT_FOUND = 'NOT_FOUND',
  UNRESOLVED = 'UNRESOLVED',
}
registerEnumType(UnitResolutionStatus, {
  name: 'UnitResolutionStatus',
  description:
    'How a record\'s reported unit resolved to the current unit (SOURCES.md "Which unit a record belongs to").',
  valuesConfig: {
    EXACT: { description: 'The reported code is a current unit on the record’s date.' },
    SUCCESSOR: { description: 'An old unit, resolved through the conversion table to its one successor.' },
    AMBIGUOUS: {
      description:
        'An old unit split across several current units: every candidate is listed, none is guessed.',
    },
    NOT_FOUND: {
      description:
        'The reported code matches no unit (e.g. a legacy district): counted at province level only.',
    },
    UNRESOLVED: { description: 'No unit was reported and none could be taken from the office.' },
  },
});
