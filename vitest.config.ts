import { defineConfig } from 'vitest/config';

// Actions run on node24; run the tests on the same major (npm test / pnpm test put it on PATH).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) throw new Error(`Tests need Node 24 (found ${process.version}): run them with \`npm test\` or \`pnpm test\`.`);

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'actions/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Only the bundles: tests/dist/ holds tests of the bundles and must run.
    exclude: ['**/node_modules/**', 'actions/*/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
