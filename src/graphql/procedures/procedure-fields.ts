import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../context.js';
import { conflictsOf, sourcesOf } from '../lineage/lineage-of.js';
import { Conflict, SourceRecordRef } from '../lineage/lineage-types.js';
import { Procedure } from './procedure-types.js';

/** Nested fields of Procedure, each through a per-request loader. */
@Resolver(() => Procedure)
export class ProcedureFields {
  @FieldResolver(() => [String], {
    description: 'Local codes of the same procedure (`1.000656.000.00.00.H56`, `1.000656.H56`).',
  })
  async aliases(@Root() procedure: Procedure, @Ctx() context: HubContext): Promise<string[]> {
    return (await context.loaders.procedureAliasesById.load(procedure.code)).map((a) => a.alias);
  }

  @FieldResolver(() => [SourceRecordRef], { description: 'The source records that built this procedure.' })
  sources(@Root() procedure: Procedure, @Ctx() context: HubContext): Promise<SourceRecordRef[]> {
    return sourcesOf(context, 'procedure', procedure.code);
  }

  @FieldResolver(() => [Conflict], { description: 'The fields its sources disagree on.' })
  conflicts(@Root() procedure: Procedure, @Ctx() context: HubContext): Promise<Conflict[]> {
    return conflictsOf(context, 'procedure', procedure.code);
  }
}
