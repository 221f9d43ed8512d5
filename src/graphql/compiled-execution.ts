import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * How the hub executes an operation: queries are compiled once per parsed document into plain
 * JavaScript (graphql-jit) and run from then on without graphql-js's per-field interpretation.
 *
 * Why: a dashboard answer is thousands of rows of ~20 figures; graphql-js builds an argument map, a
 * path and a promise check for each of the ~40,000 fields of a province × commune × month answer
 * (~25 ms of CPU here), the compiled form writes the same answer in ~2.5 ms (README "Dashboard
 * queries"). The answers are the same, byte for byte (tests/graphql/compiled-execution.test.ts).
 *
 * Mutations run through graphql-js `execute` (rare, and their order of side effects is spelled out
 * by the spec's serial execution there); so does any document the compiler declines, which then
 * reports its errors exactly as graphql-js does.
 *
 * Compiled forms are kept per schema and per document object: Apollo Server hands the same parsed
 * document for a repeated query text (its document cache), and dropping a document drops its
 * compiled form (WeakMap).
 */
export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  contextValue: unknown;
}

const compiledBySchema = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, CompiledQuery | null>>
>();

export async function executeOperation(request: OperationRequest): Promise<ExecutionResult> {
  const { schema, document, operationName, variables, contextValue } = request;
  if (operationOf(document, operationName)?.operation !== 'query') {
    return execute({ schema, document, operationName, variableValues: variables, contextValue });
  }
  const compiled = compiledFor(schema, document, operationName ?? '');
  if (compiled === null) {
    return execute({ schema, document, operationName, variableValues: variables, contextValue });
  }
  const result = await compiled.query(undefined, contextValue, variables ?? {});
  // graphql-js's field order (errors before data), so an answer reads the same whichever way it ran.
  return result.errors ? { errors: result.errors, ...result } : result;
}

function compiledFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string,
): CompiledQuery | null {
  const byDocument = kept(compiledBySchema, schema, () => new WeakMap());
  const byName = kept(byDocument, document, () => new Map<string, CompiledQuery | null>());
  return kept(byName, operationName, () => {
    const result = compileQuery(schema, document, operationName === '' ? undefined : operationName);
    return isCompiledQuery(result) ? result : null;
  });
}

/** The value kept under `key`, made and kept on first use (a Map or a WeakMap). */
function kept<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The operation that runs: the named one, else the only one (null when that is ambiguous). */
function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | null {
  let found: OperationDefinitionNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    if (operationName) {
      if (definition.name?.value === operationName) return definition;
    } else {
      if (found !== null) return null;
      found = definition;
    }
  }
  return found;
}

/** Parsed and validated documents per schema by query text, as Apollo Server keeps them (its document store). */
const MAX_DOCUMENTS = 200;
const documentsBySchema = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();

export interface GraphQLRequest {
  schema: GraphQLSchema;
  source: string;
  operationName?: string;
  variableValues?: Record<string, unknown>;
  contextValue: unknown;
}

/**
 * A GraphQL request in-process, as the server runs it: parse, validate, then `executeOperation`. For
 * the tests and benchmarks, which must exercise the executor the server uses; the same answer shape
 * as graphql-js's `graphql()` (syntax and validation errors in `errors`, no `data`).
 */
export async function runGraphQL(request: GraphQLRequest): Promise<ExecutionResult> {
  const { schema, source } = request;
  const documents = kept(documentsBySchema, schema, () => new Map<string, DocumentNode>());
  let document = documents.get(source);
  if (document === undefined) {
    try {
      document = parse(source);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) return { errors };
    if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(source, document);
  }
  return executeOperation({
    schema,
    document,
    operationName: request.operationName,
    variables: request.variableValues,
    contextValue: request.contextValue,
  });
}
