// Test support (not published): the harness every reflector test file shares. It starts a
// reflector over a recording store, records its events, and stops it after each test.
import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { afterEach, beforeEach, vi } from 'vitest';
import { Reflector } from './reflector';
import type { ReflectorEvent, ReflectorOptions } from './reflector-types';
import { RecordingStore } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';

/** A reflector started by {@link ReflectorHarness.start}, with its store and its events. */
export interface StartedReflector<T extends KubeObject> {
  reflector: Reflector<T>;
  store: RecordingStore<T>;
  events: ReflectorEvent[];
}

/**
 * Runs the reflectors of one test with one abort signal and stops them afterwards: `start` builds
 * and runs one, `run` runs one the test built, `stop` (in `afterEach`) aborts and waits for
 * `run()` to settle.
 */
export class ReflectorHarness<T extends KubeObject> {
  readonly #defaults: Partial<ReflectorOptions<T>>;
  #controller = new AbortController();
  #running: Promise<void> | undefined;

  /** @param defaults - options every `start` passes (a test's own options override them). */
  constructor(defaults: Partial<ReflectorOptions<T>> = {}) {
    this.#defaults = defaults;
  }

  /** The signal the current test's reflectors run with. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The `run()` promise of the reflector started last (`undefined` before the first). */
  get running(): Promise<void> | undefined {
    return this.#running;
  }

  /**
   * Builds a reflector over `store`, records its events and runs it.
   *
   * @param listerWatcher - the source.
   * @param options - more options (over the harness's defaults).
   * @param store - the store; a fresh {@link RecordingStore} by default.
   * @returns the reflector, the store and the (growing) list of events.
   */
  start(
    listerWatcher: ListerWatcher<T>,
    options: Partial<ReflectorOptions<T>> = {},
    store: RecordingStore<T> = new RecordingStore<T>(),
  ): StartedReflector<T> {
    const reflector = new Reflector<T>({ listerWatcher, store, ...this.#defaults, ...options });
    const events: ReflectorEvent[] = [];
    reflector.events.subscribe((event) => events.push(event));
    this.run(reflector);
    return { reflector, store, events };
  }

  /**
   * Runs a reflector the test built itself, with the harness's signal.
   *
   * @param reflector - the reflector; its `run()` promise is then {@link ReflectorHarness.running}.
   */
  run(reflector: Reflector<T>): void {
    this.#running = reflector.run(this.#controller.signal);
  }

  /** Aborts the signal (the reflectors stop; `running` settles soon after). */
  abort(): void {
    this.#controller.abort();
  }

  /**
   * Aborts, lets fake timers fire what the abort scheduled, and waits for `run()` to settle; then
   * a fresh signal for the next test.
   *
   * @param options - `runMayReject`: a rejected `run()` is expected (a configuration that can
   *   never work) and not rethrown.
   */
  async stop(options: { runMayReject?: boolean } = {}): Promise<void> {
    this.#controller.abort();
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    const running = this.#running;
    this.#running = undefined;
    this.#controller = new AbortController();
    if (options.runMayReject === true) await running?.catch(() => undefined);
    else await running;
  }
}

/**
 * The wiring of the unit tests: fake timers before each test; after each, the reflector stopped
 * and real timers back.
 *
 * @param defaults - options every `start` passes.
 * @param options - `runMayReject`: see {@link ReflectorHarness.stop}.
 * @returns the harness of the file.
 */
export function useReflectorHarness<T extends KubeObject = TestObject>(
  defaults: Partial<ReflectorOptions<T>> = {},
  options: { runMayReject?: boolean } = {},
): ReflectorHarness<T> {
  const harness = new ReflectorHarness<T>(defaults);
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await harness.stop(options);
    vi.useRealTimers();
  });
  return harness;
}

/**
 * An `ApiStatusError` as the server sends it.
 *
 * @param code - the HTTP status.
 * @param reason - the Status reason.
 * @param message - the Status message; the reason by default.
 * @returns the error.
 */
export function statusError(code: number, reason: string, message = reason): ApiStatusError {
  return ApiStatusError.fromStatus({ kind: 'Status', code, reason, message });
}

/** A ConfigMap for the tests against the fake API server. */
export function configMap(
  name: string,
  value = name,
): KubeObject & { data: Record<string, string> } {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data: { value },
  };
}

/**
 * Polls `check` (real time, real sockets) until it passes or the generous deadline expires; the
 * last failure is thrown.
 *
 * @param check - throws until the expected state is reached.
 * @param deadlineMilliseconds - the longest wait.
 */
export async function eventually(check: () => void, deadlineMilliseconds = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMilliseconds;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
