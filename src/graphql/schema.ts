import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { resolvers } from './resolvers.js';

let built: Promise<GraphQLSchema> | undefined;

/** The hub's GraphQL schema, built once per process from the resolver classes in resolvers.ts. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false });
  return built;
}

/** The schema as SDL, types and fields sorted, so the committed file changes only when the API does. */
export async function printHubSchema(): Promise<string> {
  const schema = await buildHubSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
