import { type FieldNode, Kind } from 'graphql';

/**
 * The `first` a field asks for: its literal value, or the variable's value, or null when absent or not
 * an integer. Shared by max-cost (lists multiply their subtree by it) and max-page-size.
 */
export function firstArgument(field: FieldNode, variables: Readonly<Record<string, unknown>>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return null;
  const { value } = arg;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' && Number.isInteger(v) ? v : null;
  }
  return null;
}
