import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { readLogTail } from './log-tail';

/**
 * How a {@link ManagedProcess} ended.
 */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Options of {@link ManagedProcess}.
 */
export interface ManagedProcessOptions {
  /** The executable. */
  command: string;
  /** Its arguments. */
  args: readonly string[];
  /** Both stdout and stderr are appended to this file. */
  logFile: string;
  /** The working directory (default: the current one). */
  cwd?: string;
}

/**
 * A child process whose output goes to a log file, whose exit is observed, and which is stopped
 * with SIGTERM, then SIGKILL if it lingers. It never outlives the test process: it is killed on
 * the parent's exit.
 */
export class ManagedProcess {
  readonly #options: ManagedProcessOptions;
  readonly #child: ChildProcess;
  readonly #exited: Promise<ProcessExit>;
  #exit: ProcessExit | undefined;
  readonly #onParentExit = (): void => {
    this.#child.kill('SIGKILL');
  };

  /**
   * Spawns the process at once.
   *
   * @param options - command, arguments, log file, working directory.
   */
  constructor(options: ManagedProcessOptions) {
    this.#options = options;
    const log = openSync(options.logFile, 'a');
    try {
      this.#child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    process.once('exit', this.#onParentExit);
    this.#exited = new Promise((resolve) => {
      this.#child.once('error', (error) => {
        this.#exit = { code: -1, signal: null };
        this.#appendNote(`spawn failed: ${error.message}`);
        resolve(this.#exit);
      });
      this.#child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    }).finally(() => {
      process.removeListener('exit', this.#onParentExit);
    }) as Promise<ProcessExit>;
  }

  /** The process id, if it was spawned. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** How the process ended, or `undefined` while it runs. */
  get exit(): ProcessExit | undefined {
    return this.#exit;
  }

  /** Resolves when the process has ended. */
  get exited(): Promise<ProcessExit> {
    return this.#exited;
  }

  /**
   * The last lines of the log file, for error messages.
   *
   * @param lines - how many lines (default 40).
   * @returns the tail of the log, or a note that it could not be read.
   */
  logTail(lines = 40): string {
    return readLogTail(this.#options.logFile, lines);
  }

  /**
   * Stops the process: SIGTERM, then SIGKILL after `graceMs`.
   *
   * @param graceMs - how long to wait after SIGTERM (default 10 s).
   * @returns how the process ended.
   */
  async stop(graceMs = 10_000): Promise<ProcessExit> {
    if (this.#exit !== undefined) return this.#exit;
    this.#child.kill('SIGTERM');
    const timer = new AbortController();
    const ended = await Promise.race([
      this.#exited,
      sleep(graceMs, undefined, { signal: timer.signal }).then(
        () => undefined,
        () => undefined,
      ),
    ]);
    timer.abort();
    if (ended !== undefined) return ended;
    this.#child.kill('SIGKILL');
    return this.#exited;
  }

  #appendNote(note: string): void {
    try {
      appendFileSync(this.#options.logFile, `\n[e2e-harness] ${note}\n`);
    } catch {
      // The note only helps error messages; a log that cannot be written loses nothing else.
    }
  }
}
