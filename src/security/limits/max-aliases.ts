import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { limitError } from './limit-error.js';

/**
 * Refuses an operation with more than `maxAliases` aliased fields. Aliases let one request ask for the
 * same expensive field many times (`a1: dossierStats(…) a2: dossierStats(…) …`), which neither depth nor
 * page size bounds. Aliases inside fragments count each time the fragment is spread; introspection is
 * not counted. Code TOO_MANY_ALIASES.
 */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const found = countAliases(context, operation.selectionSet, maxAliases, new Set());
      if (found > maxAliases) {
        context.reportError(
          limitError(
            'TOO_MANY_ALIASES',
            'maxAliases',
            maxAliases,
            found,
            `The query uses ${found > maxAliases * 4 ? `more than ${maxAliases * 4}` : found} aliases, more than the ${maxAliases} allowed; ask for a list with a filter instead of one alias per item, or split the query`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

/** Aliases below a selection set; stops counting well past the limit (a bomb need not be counted whole). */
function countAliases(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  limit: number,
  visiting: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (count > limit * 4) break;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) count += 1;
      if (selection.selectionSet) count += countAliases(context, selection.selectionSet, limit, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countAliases(context, selection.selectionSet, limit, visiting);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      count += countAliases(context, fragment.selectionSet, limit, visiting);
      visiting.delete(name);
    }
  }
  return count;
}
