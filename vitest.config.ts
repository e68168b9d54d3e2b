import { defineConfig } from 'vitest/config';

// One run over every package and app, so that `.ci/run` reads a single report.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
