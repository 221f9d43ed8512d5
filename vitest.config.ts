import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
