import { ansi, plain, stripAnsi } from './ansi';
import type { DemoSnapshot, NamedCount } from './demo-snapshot';
import { progressBar } from './progress-bar';
import type { ReflectorState } from './reflector-status';

/**
 * How to render a frame.
 */
export interface RenderOptions {
  /** Terminal columns; lines are cut to fit. */
  columns: number;
  /** Use ANSI colours. */
  color: boolean;
}

type Styles = typeof plain;

/**
 * Renders one frame of the live view as lines of text (no cursor movement; see `LiveView`).
 *
 * @param snapshot - what to show.
 * @param options - width and colour.
 * @returns the lines, none wider than `options.columns` visible characters.
 * @example
 * ```ts
 * process.stdout.write(renderFrame(snapshot, { columns: 100, color: true }).join('\n'));
 * ```
 */
export function renderFrame(snapshot: DemoSnapshot, options: RenderOptions): string[] {
  const style: Styles = options.color ? ansi : plain;
  const source = snapshot.mode === 'embedded' ? 'embedded fake API server' : 'cluster (read-only)';
  const clock =
    snapshot.phase === 'live'
      ? `${snapshot.remainingSeconds.toFixed(0)} s left`
      : snapshot.phase === 'syncing'
        ? 'initial sync'
        : 'verifying';
  const reflector = snapshot.reflector;
  const lines = [
    `${style.bold('kube-cache demo')} · ${source} ${style.dim(snapshot.server)} · ${clock}`,
    '',
    `${label('Initial sync')}${progressBar(reflector.listed, reflector.total, 30)}  ${reflector.listed} / ${reflector.total ?? '?'} pods · ${reflector.pages} pages${reflector.synced ? style.green(' · synced') : ''}`,
    `${label('Reflector')}${stateText(reflector.state, style)}${reflector.relisted === undefined ? '' : ` (${reflector.relisted} listed)`} · RV ${reflector.resourceVersion || '-'} · watches ${reflector.watches} · relists ${reflector.relists} · 410 Expired ${reflector.expired}${reflector.backoffs > 0 ? ` · backoffs ${reflector.backoffs}` : ''}`,
    `${label('Cache')}${snapshot.cachedPods} pods · ${style.bold(String(Math.round(snapshot.eventsPerSecond)))} events/s · adds ${snapshot.events.adds} · updates ${snapshot.events.updates} · deletes ${snapshot.events.deletes}`,
  ];
  if (snapshot.churn !== undefined) {
    const churn = snapshot.churn;
    lines.push(
      `${label('Churn')}creates ${churn.creates} · moves ${churn.moves} · deletes ${churn.deletes} · refused ${churn.failures}`,
    );
  }
  if (snapshot.mode === 'embedded') {
    const faults = snapshot.faults
      .map((fault) => `${fault.atSeconds.toFixed(0)}s ${fault.fault}`)
      .join(' · ');
    lines.push(`${label('Faults')}${faults === '' ? style.dim('none yet') : style.yellow(faults)}`);
  }
  if (reflector.lastError !== undefined)
    lines.push(`${label('Last error')}${style.red(reflector.lastError)}`);
  lines.push('');
  lines.push(
    ...columnsSideBySide(
      [
        table(`Pods per node (${snapshot.nodeCount})`, snapshot.topNodes, style),
        table(`Pods per namespace (${snapshot.namespaceCount})`, snapshot.topNamespaces, style),
        table('Pods per app label', snapshot.topApps, style),
      ],
      34,
    ),
  );
  return lines.map((line) => fit(line, options.columns));
}

function label(text: string): string {
  return text.padEnd(13);
}

function stateText(state: ReflectorState, style: Styles): string {
  switch (state) {
    case 'watching':
      return style.green(state);
    case 'backoff':
    case 'relisting':
      return style.yellow(state);
    default:
      return style.cyan(state);
  }
}

function table(title: string, rows: readonly NamedCount[], style: Styles): string[] {
  const largest = rows[0]?.count ?? 0;
  const nameWidth = Math.min(18, Math.max(4, ...rows.map((row) => row.name.length)));
  return [
    style.bold(title),
    ...rows.map((row) => {
      const bar = '▇'.repeat(
        largest === 0 ? 0 : Math.max(1, Math.round((row.count / largest) * 8)),
      );
      return `${row.name.slice(0, nameWidth).padEnd(nameWidth)} ${String(row.count).padStart(5)} ${style.cyan(bar)}`;
    }),
  ];
}

function columnsSideBySide(columns: readonly string[][], width: number): string[] {
  const height = Math.max(...columns.map((column) => column.length));
  const lines: string[] = [];
  for (let row = 0; row < height; row += 1) {
    lines.push(
      columns
        .map((column) => pad(column[row] ?? '', width))
        .join('')
        .trimEnd(),
    );
  }
  return lines;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stripAnsi(text).length));
}

// Cuts a line to the terminal width, counting only visible characters and keeping the escapes.
function fit(line: string, columns: number): string {
  if (stripAnsi(line).length <= columns) return line;
  let visible = 0;
  let result = '';
  for (let index = 0; index < line.length && visible < columns;) {
    const escape = /^\u001b\[[0-9;?]*[A-Za-z]/.exec(line.slice(index));
    if (escape !== null) {
      result += escape[0];
      index += escape[0].length;
    } else {
      result += line[index];
      index += 1;
      visible += 1;
    }
  }
  // Reset styles the cut may have left open.
  return line.includes('\u001b') ? `${result}\u001b[0m` : result;
}
