// One-off scaffolding used to lay out the packages; kept so a new layer is laid out the same way.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description, ...deps] = process.argv.slice(2);
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs NAME "description" [dep ...]');
  process.exit(2);
}
const dir = join('packages', name);
mkdirSync(join(dir, 'src'), { recursive: true });
const write = (file, text) => {
  if (!existsSync(join(dir, file))) writeFileSync(join(dir, file), text);
};
const pkg = {
  name: `@kube-cache/${name}`,
  version: '0.0.0',
  description,
  keywords: ['kubernetes', 'client-go'],
  homepage: `https://github.com/kube-cache/kube-cache/tree/main/packages/${name}#readme`,
  bugs: { url: 'https://github.com/kube-cache/kube-cache/issues' },
  license: 'Apache-2.0',
  repository: {
    type: 'git',
    url: 'git+https://github.com/kube-cache/kube-cache.git',
    directory: `packages/${name}`,
  },
  type: 'module',
  sideEffects: false,
  exports: {
    '.': {
      '@kube-cache/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/*.bench.ts'],
  engines: { node: '>=20.19' },
  publishConfig: { access: 'public' },
  scripts: {
    build: 'tsup',
    dev: 'tsup --watch',
    typecheck: 'tsc --noEmit',
    test: 'vitest run',
    'check:package': 'publint --strict && attw --pack --profile node16',
  },
  dependencies: Object.fromEntries(deps.map((dep) => [`@kube-cache/${dep}`, 'workspace:^'])),
};
write('package.json', JSON.stringify(pkg, null, 2) + '\n');
// npm packs the LICENSE of the package folder, not the repository's.
if (!existsSync(join(dir, 'LICENSE'))) copyFileSync('LICENSE', join(dir, 'LICENSE'));
// The shared tsconfig.package.json and tsup.config.base.ts hold the settings; these only point there.
write('tsconfig.json', '{ "extends": "../../tsconfig.package.json" }\n');
write('tsup.config.ts', `export { default } from '../../tsup.config.base';\n`);
write(
  'vitest.config.ts',
  `import { packageProject } from '../../vitest.shared';

export default packageProject('@kube-cache/${name}');
`,
);
write(
  'README.md',
  `# @kube-cache/${name}\n\n${description}\n\n\`\`\`sh\npnpm add @kube-cache/${name}\n\`\`\`\n`,
);
write(
  'src/index.ts',
  `// The public surface of @kube-cache/${name}: an explicit list of named exports.\n`,
);
