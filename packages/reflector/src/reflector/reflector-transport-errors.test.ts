import { ApiStatusError } from '@kube-cache/indexer';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useReflectorHarness } from './reflector-harness.test-support';
import { pod, ScriptedListerWatcher } from './scripted-lister-watcher.test-support';
import type { TestObject } from './scripted-lister-watcher.test-support';
import { ConnectionLostError } from '../errors/connection-lost-error';

const harness = useReflectorHarness();

function setup(listerWatcher: ScriptedListerWatcher<TestObject>) {
  const started = harness.start(listerWatcher);
  const waits = (): number[] =>
    started.events.flatMap((event) => (event.type === 'backoff' ? [event.milliseconds] : []));
  return { ...started, waits };
}

function tooManyRequests(retryAfterMilliseconds?: number): ApiStatusError {
  return new ApiStatusError(429, {
    status: { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' },
    retryAfterMilliseconds,
  });
}

function lost(): ConnectionLostError {
  return new ConnectionLostError('ping-timeout', { origin: 'https://127.0.0.1:6443' });
}

beforeEach(() => {
  // The backoff's jitter at its low end: steps of exactly 800, 1600, ... ms.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

describe('Reflector and the server-asked wait (429 Retry-After)', () => {
  it('should wait what a 429 list asks (Retry-After) before listing again, not the backoff step', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => {
      if (call === 0) throw tooManyRequests(20_000);
      return { items: [pod('a', '2')], resourceVersion: '2' };
    };
    const { waits, store } = setup(listerWatcher);

    await vi.advanceTimersByTimeAsync(19_999);
    expect(listerWatcher.listCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    expect(listerWatcher.listCalls).toHaveLength(2);
    expect(waits()).toEqual([20_000]);
    expect(store.versions()).toEqual({ a: '2' });
  });

  it('should wait what a refused watch asks, then watch again without relisting', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [], resourceVersion: '5' });
    listerWatcher.onWatch = (_stream, call) => {
      if (call === 0) throw tooManyRequests(10_000);
    };
    const { waits } = setup(listerWatcher);

    await vi.advanceTimersByTimeAsync(9_999);
    expect(listerWatcher.watchCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['5', '5']);
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(waits()).toEqual([10_000]);
  });

  it("should honour a 429 ERROR event's details.retryAfterSeconds", async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [], resourceVersion: '5' });
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) {
        stream.push({
          type: 'ERROR',
          object: {
            kind: 'Status',
            code: 429,
            reason: 'TooManyRequests',
            details: { retryAfterSeconds: 7 },
          },
        });
      }
    };
    const { waits } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(7_000);

    expect(waits()).toEqual([7_000]);
    expect(listerWatcher.watchCalls).toHaveLength(2);
    expect(listerWatcher.listCalls).toHaveLength(1);
  });

  it('should keep the backoff step when it is longer than the wait asked for', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [], resourceVersion: '5' });
    listerWatcher.onWatch = (_stream, call) => {
      if (call === 0) throw tooManyRequests(100);
    };
    const { waits } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(800);

    expect(waits()).toEqual([800]);
    expect(listerWatcher.watchCalls).toHaveLength(2);
  });

  it('should cap an absurd Retry-After at 10 minutes', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = (_options, call) => {
      if (call === 0) throw tooManyRequests(86_400_000);
      return { items: [], resourceVersion: '2' };
    };
    const { waits } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(600_000);

    expect(waits()).toEqual([600_000]);
    expect(listerWatcher.listCalls).toHaveLength(2);
  });
});

describe('Reflector and a lost connection', () => {
  it('should watch again at once from the last resourceVersion, without a relist', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [pod('a', '5')], resourceVersion: '5' });
    const { store, events } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(0);
    listerWatcher.lastStream.push({ type: 'MODIFIED', object: pod('a', '6') });
    await vi.advanceTimersByTimeAsync(2_000);
    listerWatcher.lastStream.fail(lost());
    await vi.advanceTimersByTimeAsync(0);

    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['5', '6']);
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(events.filter((event) => event.type === 'backoff')).toHaveLength(0);
    expect(store.versions()).toEqual({ a: '6' });
  });

  it('should back off and watch again, without a relist, when opening the watch loses the connection', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [], resourceVersion: '5' });
    listerWatcher.onWatch = (_stream, call) => {
      if (call === 0) throw lost();
    };
    const { waits } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(800);

    expect(waits()).toEqual([800]);
    expect(listerWatcher.watchCalls.map((call) => call.resourceVersion)).toEqual(['5', '5']);
    expect(listerWatcher.listCalls).toHaveLength(1);
  });

  it('should back off, not relist, when a fresh watch loses its connection at once', async () => {
    const listerWatcher = new ScriptedListerWatcher<TestObject>();
    listerWatcher.onList = () => ({ items: [], resourceVersion: '5' });
    listerWatcher.onWatch = (stream, call) => {
      if (call === 0) stream.fail(lost());
    };
    const { waits, events } = setup(listerWatcher);
    await vi.advanceTimersByTimeAsync(800);

    expect(waits()).toEqual([800]);
    expect(listerWatcher.watchCalls).toHaveLength(2);
    expect(listerWatcher.listCalls).toHaveLength(1);
    expect(events.some((event) => event.type === 'relisting' && event.reason !== 'initial')).toBe(
      false,
    );
  });
});
