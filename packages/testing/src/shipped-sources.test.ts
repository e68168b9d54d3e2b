// The tarball ships `src/` minus the patterns in package.json `files`. A source file that the
// public entry point never reaches (a helper only tests import) would ship as dead weight, as
// `api-server/http-test-client.ts` once did: it must be named `*.test-support.ts` instead.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(sourceRoot, '..', 'package.json'), 'utf8')) as {
  files: string[];
};

// `!src/**/*.test.ts` -> `.test.ts`: every exclusion of `src/` in `files` is a file-name suffix.
const excludedSuffixes = manifest.files
  .filter((pattern) => pattern.startsWith('!src/**/*'))
  .map((pattern) => pattern.slice('!src/**/*'.length));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function reachableFrom(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      pending.push(`${resolve(dirname(file), match[1] ?? '')}.ts`);
    }
  }
  return reached;
}

describe('shipped sources of @kube-cache/testing', () => {
  it('should ship only files that src/index.ts reaches (test helpers are *.test-support.ts)', () => {
    expect(excludedSuffixes).toContain('.test-support.ts');
    const shipped = sourceFiles(sourceRoot).filter(
      (file) => !excludedSuffixes.some((suffix) => file.endsWith(suffix)),
    );
    const reached = reachableFrom(join(sourceRoot, 'index.ts'));
    const unreached = shipped.filter((file) => !reached.has(file));
    expect(unreached.map((file) => relative(sourceRoot, file))).toEqual([]);
  });
});
