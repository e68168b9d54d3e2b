import { defineConfig } from 'vitest/config';

/**
 * The Node 24 step (`pnpm test:node24`, run by `scripts/node24.mjs`): every `*.node24.test.ts`
 * file, which spawns the Node binary named by KUBE_CACHE_NODE24 (for @kubernetes/client-node
 * 2.x, which needs Node 22.19+). The default `pnpm test` leaves these files out.
 */
export default defineConfig({
  resolve: { conditions: ['@kube-cache/source'] },
  ssr: { resolve: { conditions: ['@kube-cache/source'] } },
  test: {
    name: 'node24',
    include: ['packages/*/src/**/*.node24.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    passWithNoTests: false,
    restoreMocks: true,
    clearMocks: true,
  },
});
