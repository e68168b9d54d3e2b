import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '@kube-cache/e2e-harness';
import type { CandidateConfig, CandidateLogLine } from './candidate.e2e-support';

const script = fileURLToPath(new URL('./candidate.e2e-support.ts', import.meta.url));

/** A leading interval of one candidate: from `started` to `stopped` (or its kill). */
export interface LeadingInterval {
  identity: string;
  start: number;
  end: number;
}

/** One candidate process and the lines it printed. */
export class CandidateProcess {
  readonly lines: CandidateLogLine[] = [];
  readonly exited: Promise<void>;
  readonly #child: ChildProcess;
  /** Set when the test killed it with SIGKILL: it cannot log its own end. */
  killedAt: number | undefined;
  /** Whether the process has exited. */
  hasExited = false;

  constructor(readonly config: CandidateConfig) {
    this.#child = spawn(
      process.execPath,
      ['--conditions=@kube-cache/source', '--import', 'tsx', script, JSON.stringify(config)],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let buffered = '';
    this.#child.stdout?.setEncoding('utf8');
    this.#child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('{')) this.lines.push(JSON.parse(line) as CandidateLogLine);
        if (process.env['KUBE_CACHE_E2E_DEBUG'] === '1') console.log(line);
        newline = buffered.indexOf('\n');
      }
    });
    this.exited = new Promise((resolve) =>
      this.#child.once('exit', () => {
        this.hasExited = true;
        resolve();
      }),
    );
  }

  get identity(): string {
    return this.config.identity;
  }

  /** The lines of one kind. */
  events(event: CandidateLogLine['event']): CandidateLogLine[] {
    return this.lines.filter((line) => line.event === event);
  }

  /** Whether it leads now, by its own log. */
  get leading(): boolean {
    return (
      this.events('started').length > this.events('stopped').length && this.killedAt === undefined
    );
  }

  /** Waits (bounded, so that a process that does not end fails here, by name) for the exit. */
  async waitForExit(timeoutMs = 30_000): Promise<void> {
    await waitUntil(() => this.hasExited, {
      timeoutMs,
      intervalMs: 20,
      description: `${this.identity} to exit`,
    });
  }

  kill(signal: 'SIGKILL' | 'SIGTERM'): number {
    const at = Date.now();
    if (signal === 'SIGKILL') this.killedAt = at;
    this.#child.kill(signal);
    return at;
  }

  /** Its leading intervals; an open one ends at its kill, or at `now`. */
  intervals(now: number): LeadingInterval[] {
    const starts = this.events('started');
    const stops = this.events('stopped');
    return starts.map((start, index) => ({
      identity: this.identity,
      start: start.at,
      end: stops[index]?.at ?? this.killedAt ?? now,
    }));
  }
}

/** Several candidates on one Lease. */
export class CandidateGroup {
  readonly candidates: CandidateProcess[];

  constructor(configs: CandidateConfig[]) {
    this.candidates = configs.map((config) => new CandidateProcess(config));
  }

  /** Waits until a candidate that is not in `except` leads; returns it and its `started` line. */
  async nextLeader(
    after: number,
    except: readonly CandidateProcess[] = [],
    timeoutMs = 60_000,
  ): Promise<{ candidate: CandidateProcess; at: number }> {
    return waitUntil(
      () => {
        for (const candidate of this.candidates) {
          if (except.includes(candidate)) continue;
          const started = candidate.events('started').find((line) => line.at >= after);
          if (started !== undefined) return { candidate, at: started.at };
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 20, description: 'a candidate to start leading' },
    );
  }

  /** Every leading interval of every candidate, by start. */
  intervals(): LeadingInterval[] {
    const now = Date.now();
    return this.candidates
      .flatMap((candidate) => candidate.intervals(now))
      .sort((left, right) => left.start - right.start);
  }

  /** Pairs of intervals that overlap (there must be none). */
  overlaps(): Array<[LeadingInterval, LeadingInterval]> {
    const sorted = this.intervals();
    const found: Array<[LeadingInterval, LeadingInterval]> = [];
    for (let index = 1; index < sorted.length; index += 1) {
      const previous = sorted[index - 1];
      const current = sorted[index];
      if (previous !== undefined && current !== undefined && current.start < previous.end) {
        found.push([previous, current]);
      }
    }
    return found;
  }

  /** SIGKILLs every candidate still running and waits for them. */
  async stop(): Promise<void> {
    for (const candidate of this.candidates) candidate.kill('SIGKILL');
    await Promise.all(this.candidates.map((candidate) => candidate.exited));
  }
}
