import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { createContext, type HubContext } from '../graphql/context.js';
import { buildHubSchema } from '../graphql/schema.js';
import { logger } from './logger.js';
import { PLAYGROUND_CSP, PLAYGROUND_HTML, playgroundAsset } from './playground.js';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from './read-body.js';

export interface HubOptions {
  database: Database;
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  /** Interface to listen on; default all. */
  host?: string;
}

export interface RunningHub {
  /** Base URL, e.g. `http://localhost:4000` (GraphQL at `${url}/graphql`). */
  url: string;
  close(): Promise<void>;
}

/**
 * The hub's HTTP server, on plain node:http:
 * - `/graphql` — Apollo Server 5 (POST, or GET for queries); a fresh context with fresh DataLoaders per request;
 * - `/` — the GraphiQL playground, `/playground/…` its assets (all local: no CDN);
 * - `/healthz` — `{ ok, engine }`, 503 when the database does not answer.
 * Apollo's own landing page and its usage/schema reporting are off: nothing leaves the network.
 */
export async function startHub({ database, port = 4000, host }: HubOptions): Promise<RunningHub> {
  const apollo = new ApolloServer<HubContext>({
    schema: await buildHubSchema(),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
      // An unexpected failure: log it whole, show the user no internals.
      logger.error({ err: error }, 'GraphQL request failed');
      return {
        message:
          'Internal server error: the hub could not answer. The error is in the server log; try again or tell the operator.',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  });
  await apollo.start();

  const server = http.createServer((request, response) => {
    handle(request, response, apollo, database).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'HTTP request failed');
      if (!response.headersSent)
        sendJson(response, 500, { error: 'Internal server error; see the server log.' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  apollo: ApolloServer<HubContext>,
  database: Database,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  const route = url.pathname;

  if (route === '/graphql') return graphql(request, response, url, apollo, database);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendJson(response, 405, { error: `${request.method} is not allowed on ${route}; use GET.` });
  }
  if (route === '/' || route === '/playground' || route === '/playground/') {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PLAYGROUND_CSP,
      'cache-control': 'no-cache',
    });
    response.end(PLAYGROUND_HTML);
    return;
  }
  if (route.startsWith('/playground/')) {
    const asset = playgroundAsset(route.slice('/playground/'.length));
    if (!asset) return sendJson(response, 404, { error: `No playground asset ${route}.` });
    response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' });
    response.end(asset.body);
    return;
  }
  if (route === '/healthz') {
    try {
      await sql`select 1`.execute(database.db);
      return sendJson(response, 200, { ok: true, engine: database.engine });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      return sendJson(response, 503, {
        ok: false,
        engine: database.engine,
        error: 'The database does not answer.',
      });
    }
  }
  sendJson(response, 404, { error: `Nothing at ${route}. GraphQL is at /graphql, the playground at /.` });
}

async function graphql(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  apollo: ApolloServer<HubContext>,
  database: Database,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  try {
    const text = await readBody(request);
    const type = headers.get('content-type') ?? '';
    body = text && type.includes('json') ? JSON.parse(text) : text;
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return sendJson(response, 413, {
        errors: [
          { message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: MAX_BODY_BYTES } },
        ],
      });
    }
    return sendJson(response, 400, {
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: async () => createContext(database),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}
