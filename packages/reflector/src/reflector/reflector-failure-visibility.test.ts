import { ApiStatusError } from '@kube-cache/indexer';
import type { ListerWatcher, ListResult, WatchStream } from '@kube-cache/indexer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { Reflector } from './reflector';
import type { ReflectorOptions } from './reflector-types';
import { useReflectorHarness } from './reflector-harness.test-support';
import { RecordingStore } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';
import { SyncTimeoutError } from '../errors/sync-timeout-error';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
    code: 'ECONNREFUSED',
  });
}

/** A lister-watcher whose lists fail with what `failure` gives (or succeed with `undefined`). */
function failingListerWatcher(
  failure: (call: number) => Error | undefined,
): ListerWatcher<TestObject> & {
  lists: number;
} {
  const result = {
    lists: 0,
    list(): Promise<ListResult<TestObject>> {
      result.lists += 1;
      const error = failure(result.lists);
      if (error === undefined) return Promise.resolve({ items: [], resourceVersion: '5' });
      return Promise.reject(error);
    },
    watch(_options: unknown, signal: AbortSignal): Promise<WatchStream<TestObject>> {
      // A watch that stays open until the reflector stops.
      return Promise.resolve({
        async *[Symbol.asyncIterator]() {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        },
      });
    },
  };
  return result;
}

/** What a promise settled with (its value or its rejection), for assertions after timer steps. */
function outcomeOf(value: unknown): unknown {
  return value;
}

/** A marker for "not settled yet" in a race. */
const notYet = Symbol('not yet');
const pending = Promise.resolve(notYet);

function settled(value: unknown): boolean {
  return value !== notYet;
}

let warnings: { message: unknown; options: unknown }[];

beforeEach(() => {
  warnings = [];
  vi.spyOn(process, 'emitWarning').mockImplementation((message: unknown, options?: unknown) => {
    warnings.push({ message, options });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

// Registered after the hooks above: vitest runs after-hooks as a stack, so the reflector stops
// before the warning spy goes. A configuration that can never work rejects run().
const harness = useReflectorHarness({}, { runMayReject: true });

/** Runs a reflector named `pods` with no events listener (so failures become warnings). */
function start(
  listerWatcher: ListerWatcher<TestObject>,
  options: Partial<ReflectorOptions<TestObject>> = {},
): Reflector<TestObject> {
  const reflector = new Reflector<TestObject>({
    listerWatcher,
    store: new RecordingStore<TestObject>(),
    name: 'pods',
    ...options,
  });
  harness.run(reflector);
  return reflector;
}

describe('Reflector failures without a handler', () => {
  it('should warn once per distinct failure per minute, then with the count of repeats', async () => {
    const listerWatcher = failingListerWatcher(() => refused());
    start(listerWatcher);
    await vi.advanceTimersByTimeAsync(50_000);

    expect(listerWatcher.lists).toBeGreaterThan(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe(
      'reflector "pods": Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:6443',
    );
    expect(warnings[0]?.options).toEqual({
      type: 'KubeCacheWarning',
      code: 'KUBE_CACHE_LIST_WATCH_FAILED',
    });
    const listsInFirstMinute = listerWatcher.lists;
    await vi.advanceTimersByTimeAsync(70_000);

    expect(warnings).toHaveLength(2);
    expect(String(warnings[1]?.message)).toMatch(/more like it since the last warning/u);
    const repeats = /\((\d+) more like it/u.exec(String(warnings[1]?.message))?.[1];
    expect(Number(repeats)).toBeGreaterThanOrEqual(listsInFirstMinute - 1);
  });

  it('should warn about each distinct failure', async () => {
    start(
      failingListerWatcher((call) =>
        call % 2 === 0 ? refused() : new ApiStatusError(503, { message: 'unavailable' }),
      ),
    );
    await vi.advanceTimersByTimeAsync(10_000);

    expect(warnings.map((warning) => warning.message)).toEqual([
      'reflector "pods": ApiStatusError (503): unavailable',
      'reflector "pods": Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:6443',
    ]);
  });

  it('should not warn when onWatchError is given', async () => {
    const onWatchError = vi.fn();
    start(
      failingListerWatcher(() => refused()),
      { onWatchError },
    );
    await vi.advanceTimersByTimeAsync(10_000);

    expect(onWatchError).toHaveBeenCalled();
    expect(warnings).toHaveLength(0);
  });

  it('should not warn when someone listens to the events', async () => {
    const reflector = new Reflector<TestObject>({
      listerWatcher: failingListerWatcher(() => refused()),
      store: new RecordingStore<TestObject>(),
    });
    const errors: unknown[] = [];
    reflector.events.subscribe((event) => {
      if (event.type === 'error') errors.push(event.error);
    });
    harness.run(reflector);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(errors.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(0);
  });

  it('should never warn about a stop', async () => {
    const listerWatcher: ListerWatcher<TestObject> = {
      list: (_options, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        }),
      watch: () => Promise.reject(new Error('not reached')),
    };
    start(listerWatcher);
    await vi.advanceTimersByTimeAsync(1000);
    harness.abort();
    await vi.advanceTimersByTimeAsync(0);
    await harness.running;

    expect(warnings).toHaveLength(0);
  });
});

describe('Reflector.waitForSync with a timeout', () => {
  it('should reject with a SyncTimeoutError whose cause is the last error', async () => {
    const reflector = start(
      failingListerWatcher(() => refused()),
      { onWatchError: () => {} },
    );
    const waiting = reflector.waitForSync({ timeoutMilliseconds: 5000 }).then(outcomeOf, outcomeOf);
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled(await Promise.race([waiting, pending]))).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await waiting;

    expect(SyncTimeoutError.isInstance(error)).toBe(true);
    expect((error as SyncTimeoutError).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect((error as SyncTimeoutError).timeoutMilliseconds).toBe(5000);
    expect((error as Error).message).toMatch(
      /^pods did not sync within 5000 ms; last error: Error \(ECONNREFUSED\)/u,
    );
  });

  it('should resolve when the sync comes first, and keep the signal form working', async () => {
    const reflector = start(
      failingListerWatcher((call) => (call < 3 ? refused() : undefined)),
      {
        onWatchError: () => {},
      },
    );
    const withTimeout = reflector.waitForSync({ timeoutMilliseconds: 60_000 });
    const withSignal = reflector.waitForSync(harness.signal);
    await vi.advanceTimersByTimeAsync(10_000);

    await expect(withTimeout).resolves.toBeUndefined();
    await expect(withSignal).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBeLessThan(5);
  });

  it('should say when no error was seen', async () => {
    const listerWatcher: ListerWatcher<TestObject> = {
      list: (_options, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        }),
      watch: () => Promise.reject(new Error('not reached')),
    };
    const reflector = start(listerWatcher);
    const waiting = reflector.waitForSync({ timeoutMilliseconds: 100 }).then(outcomeOf, outcomeOf);
    await vi.advanceTimersByTimeAsync(100);

    expect(((await waiting) as Error).message).toMatch(/no error was seen/u);
  });
});

describe('Reflector with a configuration that can never work', () => {
  it('should reject run() and pending waitForSync with the InvalidListWatchConfigError at once', async () => {
    const invalid = new InvalidListWatchConfigError('the KubeConfig has no current cluster');
    const listerWatcher = failingListerWatcher(() => invalid);
    const reflector = start(listerWatcher);
    const waiting = reflector.waitForSync().then(outcomeOf, outcomeOf);
    const runEnd = harness.running?.then(outcomeOf, outcomeOf);
    await vi.advanceTimersByTimeAsync(0);

    expect(await runEnd).toBe(invalid);
    expect(await waiting).toBe(invalid);
    expect(listerWatcher.lists).toBe(1);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'reflector "pods": InvalidListWatchConfigError: the KubeConfig has no current cluster',
    ]);
  });
});
