import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of `graphql` for everyone (DESIGN.md §5): type-graphql (CommonJS), Apollo Server (loaded by
  // Node, which resolves `graphql` to its CommonJS entry) and the tests, else every query fails with
  // "Cannot use GraphQLSchema … from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // type-graphql is CommonJS: inline it so it and the tests share one copy of `graphql`
    // (DESIGN.md §5), else every query fails with "from another module or realm".
    server: { deps: { inline: ['type-graphql'] } },
    pool: 'forks',
    maxWorkers: 2,
    // One PGlite per test process, shared by the files that process runs (it takes seconds to start).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
