/**
 * The faults the demo injects into the embedded server.
 */
export type FaultName = 'watch-drop' | 'compaction' | 'malformed-line' | 'server-restart';

/**
 * One fault at a time in the live phase.
 */
export interface PlannedFault {
  /** Seconds after the live phase starts. */
  atSeconds: number;
  fault: FaultName;
  /** What happens, and what the reflector should do about it. */
  description: string;
}

/**
 * The server-side actions behind each fault. The demo implements it over `FakeApiServer`.
 */
export type FaultTarget = Record<FaultName, () => Promise<void>>;

const PLAN: readonly (readonly [number, FaultName, string])[] = [
  [
    0.15,
    'watch-drop',
    'closed every watch: the reflector re-watches from its last resourceVersion, no relist',
  ],
  [
    0.35,
    'compaction',
    'compacted history past the reflector: the re-watch gets 410 Expired and it relists',
  ],
  [
    0.55,
    'malformed-line',
    'sent a malformed line on the watch: the reflector drops the watch and recovers',
  ],
  [
    0.7,
    'server-restart',
    'restarted the API server: connections drop, the reflector backs off and reconnects',
  ],
];

/**
 * The fault plan for a live phase of `durationSeconds`: every fault once, spread over the first
 * 70 % so the rest of the run shows the recovery.
 *
 * @param durationSeconds - the length of the live phase.
 * @returns the faults in time order.
 * @example
 * ```ts
 * planFaults(10).map((fault) => fault.atSeconds); // [1.5, 3.5, 5.5, 7]
 * ```
 */
export function planFaults(durationSeconds: number): PlannedFault[] {
  return PLAN.map(([fraction, fault, description]) => ({
    atSeconds: Math.round(fraction * durationSeconds * 10) / 10,
    fault,
    description,
  }));
}

/**
 * Runs a fault plan with timers, one fault at a time.
 *
 * @example
 * ```ts
 * const faults = new FaultSchedule(planFaults(30), target, (fault) => console.log(fault.description));
 * faults.start();
 * await faults.stop();
 * ```
 */
export class FaultSchedule {
  readonly #plan: readonly PlannedFault[];
  readonly #target: FaultTarget;
  readonly #onFault: (fault: PlannedFault, error: unknown) => void;
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  #chain: Promise<void> = Promise.resolve();

  /**
   * @param plan - what to inject and when.
   * @param target - how to inject each fault.
   * @param onFault - told after each fault, with the error if injecting it failed.
   */
  constructor(
    plan: readonly PlannedFault[],
    target: FaultTarget,
    onFault: (fault: PlannedFault, error: unknown) => void,
  ) {
    this.#plan = plan;
    this.#target = target;
    this.#onFault = onFault;
  }

  /** Arms the timers, counted from now. */
  start(): void {
    for (const fault of this.#plan) {
      this.#timers.push(
        setTimeout(() => {
          // Chained so a restart in progress is never interleaved with the next fault.
          this.#chain = this.#chain.then(() => this.#inject(fault));
        }, fault.atSeconds * 1000),
      );
    }
  }

  /**
   * Cancels the faults still to come and waits for one in progress.
   *
   * @returns when no fault is being injected.
   */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.length = 0;
    await this.#chain;
  }

  async #inject(fault: PlannedFault): Promise<void> {
    let failure: unknown;
    try {
      await this.#target[fault.fault]();
    } catch (error) {
      failure = error;
    }
    this.#onFault(fault, failure);
  }
}
