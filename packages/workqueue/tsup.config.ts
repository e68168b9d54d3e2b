import { defineConfig } from 'tsup';

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
