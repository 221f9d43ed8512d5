import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { executeOperation } from '../graphql/compiled-execution.js';

/**
 * Hands Apollo Server the hub's schema together with the hub's executor (src/graphql/compiled-execution.ts:
 * queries compiled once per document). Apollo Server 5 takes a custom executor only through its
 * gateway interface (`@apollo/server-gateway-interface`): everything else — parsing, validation,
 * plugins, error formatting, HTTP — stays Apollo's. The schema never changes while the server runs,
 * so it is announced once.
 */
export function compiledGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: (request) =>
          executeOperation({
            schema,
            document: request.document,
            operationName: request.operationName,
            variables: request.request.variables,
            contextValue: request.context,
          }),
      };
    },
    async stop() {},
  };
}
