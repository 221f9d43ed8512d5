import { ArgsType } from 'type-graphql';
import { ConnectionArgs } from '../connection.js';

/**
 * Arguments of `dossiers`. Kept as its own class so it can grow: filters (a `DossierFilter` input over
 * indexed columns, DESIGN.md §4) are added here as fields, and applied in `dossierFilters`
 * (dossier-queries.ts), the one place the list's WHERE is built — together with the province scope.
 */
@ArgsType()
export class DossiersArgs extends ConnectionArgs {}
