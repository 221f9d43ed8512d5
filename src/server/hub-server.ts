import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { createContext, type HubContext } from '../graphql/context.js';
import {
  dashboardResponseCachePlugin,
  stringifyAnswer,
} from '../graphql/dashboard/dashboard-response-cache.js';
import { buildHubSchema } from '../graphql/schema.js';
import { accessLogPlugin } from '../security/access-log-plugin.js';
import { authenticateRequest } from '../security/authenticate.js';
import { ExecutionTimeout, stopAbortedResolvers, withTimeout } from '../security/limits/execution-timeout.js';
import { limitError } from '../security/limits/limit-error.js';
import { limitsPlugin } from '../security/limits/limits-plugin.js';
import { checkTokenLimit } from '../security/limits/max-tokens.js';
import type { Principal } from '../security/principal.js';
import { defaultSecurityConfig, type SecurityConfig } from '../security/security-config.js';
import { AnswerShortcut } from './answer-shortcut.js';
import { compiledGateway } from './compiled-gateway.js';
import { logger } from './logger.js';
import { PLAYGROUND_CSP, PLAYGROUND_HTML, playgroundAsset } from './playground.js';
import { BodyTooLargeError, readBody } from './read-body.js';

export interface HubOptions {
  database: Database;
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  /** Interface to listen on; default all. */
  host?: string;
  /**
   * Authentication, anonymous access, limits, introspection (src/security/security-config.ts). Default:
   * the strict settings — credentials required, no JWTs, default limits, introspection on.
   */
  security?: SecurityConfig;
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
 * Apollo's own landing page and its usage/schema reporting are off: nothing leaves the network; its
 * cache-control plugin is off too (no cache hints), so no plugin hooks individual fields.
 *
 * Every `/graphql` request is authenticated first (SECURITY.md): no or bad credentials get 401 with
 * UNAUTHENTICATED, before the body is read. Then the body size, the query's token count, the operation
 * limits (depth, aliases, page size, cost: src/security/limits) and the execution time limit apply, each
 * refusal naming its limit. Unmasked personal-data reads are written to the access log before the
 * response leaves.
 */
export async function startHub({
  database,
  port = 4000,
  host,
  security = defaultSecurityConfig(),
}: HubOptions): Promise<RunningHub> {
  const answerCache = dashboardResponseCachePlugin();
  const shortcut = new AnswerShortcut(database, answerCache);
  const apollo = new ApolloServer<HubContext>({
    // Resolvers stop once the request's time is up (execution-timeout.ts); queries run compiled.
    gateway: compiledGateway(stopAbortedResolvers(await buildHubSchema())),
    includeStacktraceInErrorResponses: false,
    // Apollo's own serialisation, reusing the text of a repeated dashboard answer.
    stringifyResult: stringifyAnswer,
    introspection: security.introspection,
    // A backstop for the token limit the HTTP layer checks first (a query it did not see still stops here).
    parseOptions: { maxTokens: security.limits.maxTokens },
    plugins: [
      // The hub sets no cache hints and sends no Cache-Control; Apollo's default cache-control plugin
      // would otherwise hook every field of every answer (willResolveField), several µs each.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      limitsPlugin<HubContext>(security.limits),
      answerCache,
      accessLogPlugin<HubContext>((error) => logger.error({ err: error }, 'access log write failed')),
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
    handle(request, response, { apollo, database, security, shortcut }).catch((error: unknown) => {
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

/** What serving a request needs: the Apollo server, the database, the security settings, the shortcut. */
interface Serving {
  apollo: ApolloServer<HubContext>;
  database: Database;
  security: SecurityConfig;
  shortcut: AnswerShortcut;
}

async function handle(request: IncomingMessage, response: ServerResponse, serving: Serving): Promise<void> {
  const { database } = serving;
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  const route = url.pathname;

  if (route === '/graphql') return graphql(request, response, url, serving);
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
  { apollo, database, security, shortcut }: Serving,
): Promise<void> {
  const { limits } = security;
  let principal: Principal;
  try {
    principal = await authenticateRequest(request.headers, database, security);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
      // The body is not read: drain it so the client gets the answer instead of a reset connection.
      request.resume();
      return sendErrors(response, 401, [error], { 'www-authenticate': 'Bearer realm="lienthong"' });
    }
    throw error;
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  try {
    const text = await readBody(request, limits.maxBodyBytes);
    const type = headers.get('content-type') ?? '';
    body = text && type.includes('json') ? JSON.parse(text) : text;
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return sendErrors(response, 413, [
        limitError(
          'PAYLOAD_TOO_LARGE',
          'maxBodyBytes',
          limits.maxBodyBytes,
          null,
          error.message.replace(/\.$/, ''),
        ),
      ]);
    }
    return sendJson(response, 400, {
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  }

  const query = queryText(body, url);
  const tooLong = query === null ? null : checkTokenLimit(query, limits.maxTokens);
  if (tooLong) return sendErrors(response, 400, [tooLong]);

  // A repeated dashboard question: the response sent last time, without Apollo (answer-shortcut.ts).
  const shortcutKeys = await shortcut.keyOf(request, headers, body, principal);
  if (shortcutKeys && shortcut.send(shortcutKeys.key, response)) return;

  const controller = new AbortController();
  let result: Awaited<ReturnType<ApolloServer<HubContext>['executeHTTPGraphQLRequest']>>;
  try {
    result = await withTimeout(
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: async () => createContext(database, { principal, signal: controller.signal }),
      }),
      limits.timeoutMs,
      controller,
    );
  } catch (error) {
    if (error instanceof ExecutionTimeout) {
      logger.warn(
        { principal: principal.id, timeoutMs: limits.timeoutMs },
        'query stopped at the time limit',
      );
      return sendErrors(response, 503, [error.error]);
    }
    throw error;
  }
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    if (shortcutKeys)
      shortcut.remember(shortcutKeys, response.statusCode, result.headers, result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** The query text of a POST body or a GET URL, or null when there is none (Apollo reports that). */
function queryText(body: unknown, url: URL): string | null {
  if (body && typeof body === 'object' && typeof (body as { query?: unknown }).query === 'string') {
    return (body as { query: string }).query;
  }
  return url.searchParams.get('query');
}

/** A GraphQL-shaped error answer outside Apollo (401, 413, token limit, timeout). */
function sendErrors(
  response: ServerResponse,
  status: number,
  errors: GraphQLError[],
  headers: Record<string, string> = {},
): void {
  const shown = errors.map((e) => {
    const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
    return { message: e.message, extensions };
  });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify({ errors: shown }));
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}
