import type { NonEmptyArray } from 'type-graphql';
import { UnitFields } from './units/unit-fields.js';
import { UnitQueries } from './units/unit-queries.js';

/**
 * Every resolver class of the hub's schema. To add a part of the API, write its resolver classes in
 * `src/graphql/<area>/` and append them here; `buildHubSchema` and the emitted schema pick them up.
 */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's own signature for resolver classes.
export const resolvers: NonEmptyArray<Function> = [
  // units
  UnitQueries,
  UnitFields,
];
