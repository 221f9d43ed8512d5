import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../connection.js';
import { DossierFilter } from '../dashboard/dossier-filter.js';
import { DossierOrder } from '../dashboard/dossier-list-filter.js';

/**
 * Arguments of `dossiers`. Kept as its own class so it can grow: filters (a `DossierFilter` input over
 * indexed columns, DESIGN.md §4) are added here as fields, and applied in `dossierFilters`
 * (dossier-queries.ts), the one place the list's WHERE is built — together with the province scope.
 */
@ArgsType()
export class DossiersArgs extends ConnectionArgs {
  @Field(() => DossierFilter, {
    nullable: true,
    description: 'Which dossiers: the same filter as dossierStats (communes by their current code).',
  })
  filter?: DossierFilter | null;

  @Field(() => DossierOrder, { nullable: true, description: 'Order of the list (default NUMBER).' })
  orderBy?: DossierOrder | null;
}
