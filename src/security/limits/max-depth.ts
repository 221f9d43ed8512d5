import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { limitError } from './limit-error.js';

/**
 * Refuses an operation nested deeper than `maxDepth` field levels (`{ units { nodes { code } } }` is 3).
 * Deep nesting is how one query multiplies work (unit → communes → province → communes → …). Fragments
 * are followed where they are spread; introspection fields (`__schema`, `__type`) are not counted, so
 * the playground's own schema query (about 13 levels of `ofType`) is never refused.
 * Code QUERY_TOO_DEEP.
 */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const depth = depthOf(context, operation.selectionSet, 0, maxDepth, new Set());
      if (depth > maxDepth) {
        context.reportError(
          limitError(
            'QUERY_TOO_DEEP',
            'maxDepth',
            maxDepth,
            null,
            `The query nests fields more than ${maxDepth} levels deep; ask for fewer nested levels, or split it into several queries`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

/** Depth of a selection set below `level`; stops once past `limit` (the exact figure beyond it does not matter). */
function depthOf(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  level: number,
  limit: number,
  visiting: Set<string>,
): number {
  let deepest = level;
  for (const selection of selectionSet.selections) {
    if (deepest > limit) break;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet
        ? depthOf(context, selection.selectionSet, level + 1, limit, visiting)
        : level + 1;
      deepest = Math.max(deepest, below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(context, selection.selectionSet, level, limit, visiting));
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A cycle is reported by graphql-js's NoFragmentCyclesRule; here it must only not loop.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, depthOf(context, fragment.selectionSet, level, limit, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}
