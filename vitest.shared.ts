import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * The per-package test setup: tests beside the code, type tests run by vitest's typecheck,
 * and workspace packages resolved to their TypeScript source (the `@kube-cache/source` export
 * condition) so that a change in one package is seen by the next without a rebuild.
 */
export function packageProject(
  name: string,
  extra: UserWorkspaceConfig['test'] = {},
): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ['@kube-cache/source'] },
    ssr: { resolve: { conditions: ['@kube-cache/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts'],
      // *.node24.test.ts run in their own step, `pnpm test:node24` (scripts/node24.mjs).
      exclude: [
        '**/node_modules/**',
        '**/dist/**',
        'src/**/*.e2e.test.ts',
        'src/**/*.node24.test.ts',
      ],
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      restoreMocks: true,
      clearMocks: true,
      ...extra,
    },
  });
}
