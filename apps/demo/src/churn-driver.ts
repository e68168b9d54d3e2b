import type { ChurnCounts } from './demo-snapshot';
import { pick } from './pick';

/**
 * The writes the churn driver makes. The demo implements it over `FakeApiServer`; tests with a
 * fake.
 */
export interface PodWriter {
  /** Creates a pod named `name` in `namespace` on `nodeName` with label `app`. */
  createPod(pod: { namespace: string; name: string; nodeName: string; app: string }): Promise<void>;
  /** Moves an existing pod to another node (`spec.nodeName`). */
  movePod(namespace: string, name: string, nodeName: string): Promise<void>;
  /** Deletes a pod. */
  deletePod(namespace: string, name: string): Promise<void>;
}

/**
 * The options of a {@link ChurnDriver}.
 */
export interface ChurnDriverOptions {
  writer: PodWriter;
  /** The pods that exist when churn starts, as `namespace/name` keys. */
  existingPods: readonly string[];
  namespaces: readonly string[];
  nodes: readonly string[];
  apps: readonly string[];
  /** Operations per second. */
  rate: number;
  /** A random number generator in [0, 1); pass a seeded one for repeatable runs. */
  random: () => number;
}

const TICK_MILLISECONDS = 100;

/**
 * Drives churn against the server: creates pods, moves pods between nodes and deletes pods, in
 * proportions that keep the pod count roughly stable. Operations run in ticks of 100 ms, one
 * after another, so a slow server slows the churn rather than piling up requests.
 *
 * @example
 * ```ts
 * const churn = new ChurnDriver({ writer, existingPods, namespaces, nodes, apps, rate: 100, random: Math.random });
 * churn.start();
 * // ... later
 * await churn.stop();
 * console.log(churn.counts());
 * ```
 */
export class ChurnDriver {
  readonly #options: ChurnDriverOptions;
  readonly #pods: string[];
  readonly #counts: ChurnCounts = { creates: 0, moves: 0, deletes: 0, failures: 0 };
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> = Promise.resolve();
  #busy = false;
  #budget = 0;
  #created = 0;

  /**
   * @param options - the writer, the starting pods and the rate.
   */
  constructor(options: ChurnDriverOptions) {
    this.#options = options;
    this.#pods = [...options.existingPods];
  }

  /** Starts churning; does nothing when the rate is 0 or it already runs. */
  start(): void {
    if (this.#timer !== undefined || this.#options.rate <= 0) return;
    this.#timer = setInterval(() => this.#tick(), TICK_MILLISECONDS);
  }

  /**
   * Stops churning and waits for the operations in flight.
   *
   * @returns when the last operation has finished.
   */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /**
   * @returns a copy of the operation counters.
   */
  counts(): ChurnCounts {
    return { ...this.#counts };
  }

  #tick(): void {
    // A tick that finds the previous batch still running skips, and its budget carries over.
    this.#budget += (this.#options.rate * TICK_MILLISECONDS) / 1000;
    if (this.#busy) return;
    const operations = Math.floor(this.#budget);
    this.#budget -= operations;
    this.#busy = true;
    this.#running = this.#runBatch(operations).finally(() => {
      this.#busy = false;
    });
  }

  async #runBatch(operations: number): Promise<void> {
    for (let index = 0; index < operations && this.#timer !== undefined; index += 1) {
      await this.#runOne();
    }
  }

  async #runOne(): Promise<void> {
    const { writer, random, namespaces, nodes, apps } = this.#options;
    const roll = random();
    try {
      if (roll < 0.3 || this.#pods.length === 0) {
        this.#created += 1;
        const namespace = pick(random, namespaces);
        const name = `churn-${this.#created}`;
        await writer.createPod({
          namespace,
          name,
          nodeName: pick(random, nodes),
          app: pick(random, apps),
        });
        this.#pods.push(`${namespace}/${name}`);
        this.#counts.creates += 1;
      } else if (roll < 0.7) {
        const [namespace, name] = splitKey(pick(random, this.#pods));
        await writer.movePod(namespace, name, pick(random, nodes));
        this.#counts.moves += 1;
      } else {
        const index = Math.floor(random() * this.#pods.length);
        const [namespace, name] = splitKey(this.#pods[index] ?? '/');
        // Swap-remove first: a pod whose delete failed is forgotten either way.
        this.#pods[index] = this.#pods[this.#pods.length - 1] ?? '';
        this.#pods.pop();
        await writer.deletePod(namespace, name);
        this.#counts.deletes += 1;
      }
    } catch {
      // Refusals are part of the show (a restart in progress); the verification judges the result.
      this.#counts.failures += 1;
    }
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
