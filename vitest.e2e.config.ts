import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite (`pnpm test:e2e`): every `*.e2e.test.ts` of the packages and apps, run
 * against a real etcd + kube-apiserver that `@kube-cache/e2e-harness` starts per test file.
 *
 * - The global setup makes sure the binaries exist (on a clean machine it builds kube-apiserver
 *   1.20.2 from Debian's source package, a few minutes, once) and fails the suite loudly when
 *   they cannot be had, so the suite never passes having tested nothing.
 * - Files run one after another: each starts its own servers, and two cores cannot host several
 *   clusters and their churn at once without turning timeouts into flakes.
 * - Workspace packages resolve to their TypeScript source, as in the unit tests.
 */
export default defineConfig({
  resolve: { conditions: ['@kube-cache/source'] },
  ssr: { resolve: { conditions: ['@kube-cache/source'] } },
  test: {
    name: 'e2e',
    include: ['packages/*/src/**/*.e2e.test.ts', 'apps/*/src/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./packages/e2e-harness/src/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    passWithNoTests: false,
    restoreMocks: true,
    clearMocks: true,
  },
});
