// The wire benchmark's report: pods/s (wall clock and per client CPU second) and heap per pod,
// with ratios against the floor and client-node, and the issue's targets for the informer.
import type { PathResult } from './wire-messages';
import type { WatchFraming } from './wire-server-messages';

/** Everything one contender measured over the runs. */
export interface ContenderReport {
  id: string;
  name: string;
  /** Why it did not run, when it did not. */
  unavailable?: string;
  runs: { list: PathResult; watch: PathResult; requests: Record<string, number> }[];
  /** Connections seen by the server per run, by ALPN result (`"https h2"`: 1). */
  connections: Record<string, number>[];
}

/** A whole run of the bench; printed as tables and optionally written as JSON. */
export interface WireBenchReport {
  environment: {
    date: string;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    commit: string;
  };
  pods: number;
  bytesPerPod: number;
  /** How the server wrote the watch events (absent in reports saved before: `batch`). */
  framing?: WatchFraming;
  runs: number;
  warmUpPods: number;
  contenders: ContenderReport[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Medians over the runs of one contender. */
interface Summary {
  list: number;
  watch: number;
  listCpu: number;
  watchCpu: number;
  listHeap: number;
  watchHeap: number;
  wire: string;
}

function summarize(report: WireBenchReport, contender: ContenderReport): Summary {
  const rate = (seconds: number): number => report.pods / seconds;
  const seen = new Set<string>();
  for (const run of contender.runs) {
    for (const key of Object.keys(run.requests)) seen.add(key.split(' ').slice(0, 2).join(' '));
  }
  const over = (pick: (run: ContenderReport['runs'][number]) => number): number =>
    median(contender.runs.map(pick));
  return {
    list: over((run) => rate(run.list.seconds)),
    watch: over((run) => rate(run.watch.seconds)),
    listCpu: over((run) => rate(run.list.cpuSeconds)),
    watchCpu: over((run) => rate(run.watch.cpuSeconds)),
    listHeap: over((run) => run.list.heapBytesPerObject),
    watchHeap: over((run) => run.watch.heapBytesPerObject),
    wire: [...seen].sort().join(', ') || 'n/a',
  };
}

const integer = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
const ratio = (value: number, base: number | undefined): string =>
  base === undefined || !Number.isFinite(value / base) ? '-' : `${(value / base).toFixed(2)}x`;

type RateKey = 'list' | 'watch' | 'listCpu' | 'watchCpu';

/**
 * Pools the runs of two saved reports of the same size (for a median over more runs); runs of
 * different commits are labelled with both.
 *
 * @param first - the earlier report (its environment is kept, with the later load at the end).
 * @param second - the later report.
 * @returns one report with the runs of both.
 */
export function mergeReports(first: WireBenchReport, second: WireBenchReport): WireBenchReport {
  if (first.pods !== second.pods) throw new Error('cannot pool runs of different sizes');
  const contenders = first.contenders.map((contender) => {
    const other = second.contenders.find((candidate) => candidate.id === contender.id);
    return {
      ...contender,
      runs: [...contender.runs, ...(other?.runs ?? [])],
      connections: [...contender.connections, ...(other?.connections ?? [])],
    };
  });
  return {
    ...first,
    environment: {
      ...first.environment,
      loadAverageAtEnd: second.environment.loadAverageAtEnd,
      commit:
        first.environment.commit === second.environment.commit
          ? first.environment.commit
          : `${first.environment.commit} and ${second.environment.commit}`,
    },
    runs: first.runs + second.runs,
    contenders,
  };
}

/**
 * Renders the report as markdown.
 *
 * @param report - the measurements.
 * @returns the text.
 */
export function formatReport(report: WireBenchReport): string {
  const { environment } = report;
  const summaries = new Map(
    report.contenders
      .filter((contender) => contender.unavailable === undefined && contender.runs.length > 0)
      .map((contender) => [contender.id, summarize(report, contender)]),
  );
  const floor = summaries.get('floor');
  const clientNode = summaries.get('client-node');
  const lines: string[] = [
    `Wire benchmark, ${environment.date}, commit ${environment.commit}: ${report.pods.toLocaleString('en-US')} pods of ${integer(report.bytesPerPod)} B of JSON, ${report.framing === 'event' ? 'each watch event written on its own (as kube-apiserver does)' : 'the watch events written all in one write'}, median of ${report.runs} run(s), each in a fresh process after a ${report.warmUpPods.toLocaleString('en-US')}-pod warm-up.`,
    `Node ${environment.node}, ${environment.platform}, ${environment.cpus} CPUs (${environment.cpuModel}), load average ${environment.loadAverageAtStart.map((value) => value.toFixed(2)).join(' ')} at the start, ${environment.loadAverageAtEnd.map((value) => value.toFixed(2)).join(' ')} at the end.`,
  ];
  const table = (title: string, listKey: RateKey, watchKey: RateKey, withWire: boolean): void => {
    lines.push(
      '',
      title,
      '',
      `| client |${withWire ? ' wire (as the server saw it) |' : ''} list | vs floor | vs client-node | watch | vs floor | vs client-node |`,
      `|---|${withWire ? '---|' : ''}---:|---:|---:|---:|---:|---:|`,
    );
    for (const contender of report.contenders) {
      const summary = summaries.get(contender.id);
      if (summary === undefined) {
        const why = `not run: ${contender.unavailable ?? 'no result'}`;
        lines.push(`| ${contender.name} |${withWire ? ` ${why} |` : ''} | | | | | |`);
        continue;
      }
      const cells = [
        contender.name,
        ...(withWire ? [summary.wire] : []),
        integer(summary[listKey]),
        ratio(summary[listKey], floor?.[listKey]),
        ratio(summary[listKey], clientNode?.[listKey]),
        integer(summary[watchKey]),
        ratio(summary[watchKey], floor?.[watchKey]),
        ratio(summary[watchKey], clientNode?.[watchKey]),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  };
  table('Pods per second, wire to onAdd (wall clock):', 'list', 'watch', true);
  table(
    'Pods per CPU second of the client process (less sensitive to other load than the wall clock):',
    'listCpu',
    'watchCpu',
    false,
  );
  lines.push(
    '',
    'Retained heap per pod (after gc(): cache full minus after stop):',
    '',
    '| client | after the list path | vs client-node | after the watch path | vs client-node |',
    '|---|---:|---:|---:|---:|',
  );
  for (const contender of report.contenders) {
    const summary = summaries.get(contender.id);
    if (summary === undefined) continue;
    lines.push(
      `| ${contender.name} | ${integer(summary.listHeap)} B | ${ratio(summary.listHeap, clientNode?.listHeap)} | ${integer(summary.watchHeap)} B | ${ratio(summary.watchHeap, clientNode?.watchHeap)} |`,
    );
  }
  lines.push(
    '',
    'Targets (issue 9) for the SharedIndexInformer (wall clock; CPU in brackets):',
    '',
  );
  const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  for (const id of ['informer-h2', 'informer-http1']) {
    const summary = summaries.get(id);
    if (summary === undefined) continue;
    const versus = (key: RateKey, cpuKey: RateKey, base: Summary, minimum: number): string =>
      `${ratio(summary[key], base[key])} [${ratio(summary[cpuKey], base[cpuKey])}] (>= ${minimum}x: ${check(summary[key] >= minimum * base[key])})`;
    const targets = [
      floor && `list ${versus('list', 'listCpu', floor, 0.9)} of the floor`,
      floor && `watch ${versus('watch', 'watchCpu', floor, 0.9)} of the floor`,
      clientNode && `watch ${versus('watch', 'watchCpu', clientNode, 1.3)} of client-node`,
      clientNode &&
        `heap ${ratio(summary.listHeap, clientNode.listHeap)} (list) and ${ratio(summary.watchHeap, clientNode.watchHeap)} (watch) of client-node's (<= 1x: ${check(summary.listHeap <= clientNode.listHeap && summary.watchHeap <= clientNode.watchHeap)})`,
    ].filter((text) => typeof text === 'string');
    lines.push(`- ${id}: ${targets.join('; ')}`);
  }
  return lines.join('\n');
}
