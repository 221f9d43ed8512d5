import {
  type FieldNode,
  type GraphQLCompositeType,
  GraphQLList,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { limitError } from './limit-error.js';
import { firstArgument } from './list-size.js';

/**
 * Refuses an operation whose estimated cost exceeds `maxCost`. The estimate is the number of field
 * values the answer could hold: every field counts once per item of the lists above it, and a list's
 * items are its `first` argument (literal or variable), else `defaultListSize`. A connection
 * (`…Connection` type) multiplies its subtree by its page size; its own `edges` and `nodes` lists are
 * that page and do not multiply again. So `units(first: 500) { nodes { code communes { code name } } }`
 * costs 1 + 500 (nodes) + 500 (code) + 500 (communes) + 2 × 500 × 50 = 51,501: refused at the default
 * 50,000, while a dashboard's page of 500 rows with a few nested objects passes. Introspection is not counted.
 * Needs the request's variables, so it is built per request (src/security/limits/limits-plugin.ts).
 * Code QUERY_TOO_COSTLY.
 */
export function maxCostRule(
  maxCost: number,
  defaultListSize: number,
  variables: Readonly<Record<string, unknown>> = {},
): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root =
        operation.operation === 'query'
          ? schema.getQueryType()
          : operation.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const walk = new CostWalk(context, maxCost, defaultListSize, variables);
      const cost = walk.cost(root, operation.selectionSet, 1);
      if (cost > maxCost) {
        context.reportError(
          limitError(
            'QUERY_TOO_COSTLY',
            'maxCost',
            maxCost,
            Number.isFinite(cost) ? Math.round(cost) : null,
            `The query could return about ${Number.isFinite(cost) ? Math.round(cost).toLocaleString('en') : 'unboundedly many'} values (each field counted once per item of the lists above it: \`first\`, or ${defaultListSize} when absent), more than the ${maxCost.toLocaleString('en')} allowed; ask for smaller pages (\`first\`), fewer nested lists, or page through with \`after\``,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

class CostWalk {
  private readonly visiting = new Set<string>();

  constructor(
    private readonly context: ValidationContext,
    private readonly maxCost: number,
    private readonly defaultListSize: number,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  cost(parent: GraphQLCompositeType, selectionSet: SelectionSetNode, multiplier: number): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      // Past the limit the exact figure does not matter: stop walking.
      if (total > this.maxCost) return total;
      if (selection.kind === Kind.FIELD) {
        total += this.fieldCost(parent, selection, multiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.context.getSchema().getType(selection.typeCondition.name.value)
          : parent;
        if (type && isCompositeType(type)) total += this.cost(type, selection.selectionSet, multiplier);
      } else {
        const name = selection.name.value;
        const fragment = this.context.getFragment(name);
        if (!fragment || this.visiting.has(name)) continue;
        const type = this.context.getSchema().getType(fragment.typeCondition.name.value);
        if (!type || !isCompositeType(type)) continue;
        this.visiting.add(name);
        total += this.cost(type, fragment.selectionSet, multiplier);
        this.visiting.delete(name);
      }
    }
    return total;
  }

  private fieldCost(parent: GraphQLCompositeType, field: FieldNode, multiplier: number): number {
    const name = field.name.value;
    if (name.startsWith('__')) return 0;
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const definition = parent.getFields()[name];
    // An unknown field is reported by graphql-js's FieldsOnCorrectTypeRule.
    if (!definition) return 0;
    let cost = multiplier;
    if (field.selectionSet) {
      const type = getNamedType(definition.type);
      if (isCompositeType(type)) {
        cost += this.cost(
          type,
          field.selectionSet,
          multiplier * this.itemsOf(parent, field, definition.type),
        );
      }
    }
    return cost;
  }

  /** How many items a field's value may hold (1 for a single object). */
  private itemsOf(
    parent: GraphQLCompositeType,
    field: FieldNode,
    type: Parameters<typeof getNullableType>[0],
  ): number {
    const isList = getNullableType(type) instanceof GraphQLList;
    const named = getNamedType(type);
    const pageOfConnection =
      parent.name.endsWith('Connection') && (field.name.value === 'edges' || field.name.value === 'nodes');
    if (pageOfConnection) return 1;
    if (isList || named?.name.endsWith('Connection')) {
      const first = firstArgument(field, this.variables);
      return first !== null && first >= 0 ? first : this.defaultListSize;
    }
    return 1;
  }
}
