import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The GraphiQL playground, served entirely by the hub: every script and stylesheet comes from
 * node_modules through `/playground/…`, nothing from a CDN, so it works on an air-gapped government
 * network (issue FOUNDATION §5). The Content-Security-Policy makes browsers refuse anything else.
 */
const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

interface Asset {
  file: string;
  contentType: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

/** The files under `/playground/`, by name. */
export const PLAYGROUND_ASSETS: Record<string, Asset> = {
  'react.production.min.js': {
    file: path.join(packageDir('react'), 'umd/react.production.min.js'),
    contentType: JS,
  },
  'react-dom.production.min.js': {
    file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    contentType: JS,
  },
  'graphiql.min.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), contentType: JS },
  'graphiql.min.js.map': { file: path.join(packageDir('graphiql'), 'graphiql.min.js.map'), contentType: MAP },
  'graphiql.min.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), contentType: CSS },
};

/** Starts GraphiQL against this hub's `/graphql` (a file, so the CSP needs no inline scripts). */
const INIT_SCRIPT = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  var defaultQuery = ${JSON.stringify(
    [
      '# lienthong — units, offices, staff and dossiers of the two-tier local government, one endpoint.',
      '# Ctrl-Enter runs the query; the Docs pane lists every type and field.',
      '{',
      '  resolveUnit(code: "00006", asOf: "2025-06-01") {',
      '    status',
      '    units { code fullName }',
      '    reported { code fullName validTo }',
      '  }',
      '  dossiers(first: 5) {',
      '    totalCount',
      '    nodes { id status channel receivedAt dueAt unit { status current { code fullName } } }',
      '  }',
      '  dossierStats(period: { from: "2025-07-01", to: "2025-12-31" }, groupBy: [COMMUNE]) {',
      '    commune received settled overdue',
      '    onTimeRate { value numerator denominator }',
      '  }',
      '}',
      '',
    ].join('\n'),
  )};
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery })
  );
})();
`;

export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lienthong — GraphQL playground</title>
<link rel="stylesheet" href="/playground/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script src="/playground/init.js"></script>
</body>
</html>
`;

/** Only this origin: scripts, styles, fetches (GraphiQL's own inline styles and data: icons allowed). */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

/** The body and content type of `/playground/<name>`, or null when there is no such asset. */
export function playgroundAsset(name: string): { body: Buffer | string; contentType: string } | null {
  if (name === 'init.js') return { body: INIT_SCRIPT, contentType: JS };
  const asset = Object.hasOwn(PLAYGROUND_ASSETS, name) ? PLAYGROUND_ASSETS[name] : undefined;
  if (!asset) return null;
  return { body: fs.readFileSync(asset.file), contentType: asset.contentType };
}
