/**
 * Summarises `.cpuprofile` files written by `bench --cpu-prof DIR`: self time by function and by
 * source area (kube-cache package, node internals, GC), so the report can say where the time goes.
 *
 *   node --import tsx bench/cpu-profile-summary.ts DIR/informer-h2-*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values: args, positionals: files } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: { top: { type: 'string', default: '25' } },
  allowPositionals: true,
});

/** Where a function lives: a kube-cache package, a dependency, node itself, or V8 (GC, ...). */
function area(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const kubeCache = /packages\/([^/]+)\/(src|bench)\//.exec(url);
  if (kubeCache !== null)
    return `@kube-cache/${kubeCache[1]}${kubeCache[2] === 'bench' ? ' (bench)' : ''}`;
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
    url,
  );
  if (dependency !== null) return dependency[1] ?? url;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

const selfByFunction = new Map<string, number>();
const selfByArea = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const [index, id] of profile.samples.entries()) {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = url === '' ? '' : ` ${url.replace(/^.*\/packages\//, '')}:${lineNumber + 1}`;
    const name = `${functionName || '(anonymous)'}${place}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + micros);
    const where = area(url, functionName);
    selfByArea.set(where, (selfByArea.get(where) ?? 0) + micros);
    total += micros;
  }
}

const top = Number(args.top);
const print = (title: string, table: Map<string, number>, rows: number): void => {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [name, micros] of [...table]
    .sort((left, right) => right[1] - left[1])
    .slice(0, rows)) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
};
print('Self time by area', selfByArea, 15);
print('Self time by function', selfByFunction, top);
