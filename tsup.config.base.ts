import { defineConfig } from 'tsup';

/**
 * The build of every published `@kube-cache/*` package, shared so that they stay alike: each
 * package's `tsup.config.ts` re-exports it and tsup runs in the package folder, so the paths are
 * the package's own. Dual ESM and CommonJS, with declarations and source maps for both.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // import.meta.url in the CommonJS build (createRequire).
  shims: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
