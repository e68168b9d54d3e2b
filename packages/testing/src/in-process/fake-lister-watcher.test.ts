import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject, ListOptions, ListResult, WatchEvent } from '@kube-cache/indexer';
import { FakeListerWatcher } from './fake-lister-watcher';
import { FakeListerWatcherError } from '../errors/fake-lister-watcher-error';

interface Pod extends KubeObject {
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  spec?: { nodeName?: string };
}

const pod = (name: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...extra },
});

const signal = new AbortController().signal;

async function drain<T>(
  source: FakeListerWatcher<T & KubeObject>,
  stream: AsyncIterable<WatchEvent<T>>,
) {
  source.dropWatches();
  const events: WatchEvent<T>[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const summary = (events: WatchEvent<Pod>[]) =>
  events.map((event) =>
    event.type === 'ERROR'
      ? `ERROR ${event.object.code}`
      : `${event.type} ${event.object.metadata?.name ?? ''}@${event.object.metadata?.resourceVersion ?? ''}`,
  );

async function rejection(promise: Promise<unknown>): Promise<ApiStatusError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!ApiStatusError.isInstance(error))
    throw new Error(`expected an ApiStatusError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('FakeListerWatcher', () => {
  describe('mutations', () => {
    it('should assign monotonically increasing resourceVersions to copies', () => {
      const source = new FakeListerWatcher<Pod>();
      expect(source.resourceVersion).toBe('1');
      const input = pod('a');
      const added = source.add(input);
      const modified = source.modify({ ...input, spec: { nodeName: 'n1' } });
      const deleted = source.delete(input);
      expect([added, modified, deleted].map((object) => object.metadata.resourceVersion)).toEqual([
        '2',
        '3',
        '4',
      ]);
      expect(input.metadata.resourceVersion).toBeUndefined();
      expect(deleted.spec).toEqual({ nodeName: 'n1' });
      expect(source.resourceVersion).toBe('4');
      expect(source.objects()).toEqual([]);
    });

    it('should return copies the caller cannot use to change the store', () => {
      const source = new FakeListerWatcher<Pod>();
      const added = source.add(pod('a'));
      added.metadata.name = 'changed';
      const [listed] = source.objects();
      if (listed === undefined) throw new Error('missing');
      listed.metadata.labels = { x: 'y' };
      expect(source.objects()).toEqual([pod('a', { resourceVersion: '2' })]);
    });

    it('should refuse what a server refuses, changing nothing', () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a')] });
      expect(() => source.add(pod('a'))).toThrow(FakeListerWatcherError);
      expect(() => source.modify(pod('b'))).toThrow(/"default\/b" not found/);
      expect(() => source.delete(pod('b'))).toThrow(FakeListerWatcherError);
      try {
        source.add({ metadata: { name: '' } });
        expect.unreachable();
      } catch (error) {
        expect(FakeListerWatcherError.isInstance(error) && error.reason).toBe('InvalidObject');
      }
      expect(source.resourceVersion).toBe('2');
      expect(source.objects()).toHaveLength(1);
    });

    it('should use initialObjects, a custom keyFunc and key order', () => {
      const source = new FakeListerWatcher<Pod>({
        initialObjects: [pod('b'), pod('a', { namespace: 'other' })],
        keyFunc: (object) => object.metadata.name,
      });
      expect(source.objects().map((object) => object.metadata.name)).toEqual(['a', 'b']);
      expect(() => source.add(pod('a'))).toThrow(/already exists/);
    });
  });

  describe('list', () => {
    const seeded = () =>
      new FakeListerWatcher<Pod>({ initialObjects: ['a', 'b', 'c'].map((name) => pod(name)) });

    it('should list the current state at the current resourceVersion', async () => {
      const source = seeded();
      for (const resourceVersion of [undefined, '', '0']) {
        const result = await source.list({ resourceVersion }, signal);
        expect(result.resourceVersion).toBe('4');
        expect(result.items.map((item) => item.metadata.name)).toEqual(['a', 'b', 'c']);
        expect(result.continue).toBeUndefined();
      }
    });

    it('should serve an exact resourceVersion from history', async () => {
      const source = seeded();
      source.delete(pod('a'));
      source.modify({ ...pod('b'), spec: { nodeName: 'x' } });
      const result = await source.list(
        { resourceVersion: '3', resourceVersionMatch: 'Exact' },
        signal,
      );
      expect(result.resourceVersion).toBe('3');
      expect(result.items).toEqual([
        pod('a', { resourceVersion: '2' }),
        pod('b', { resourceVersion: '3' }),
      ]);
      const notOlder = await source.list(
        { resourceVersion: '3', resourceVersionMatch: 'NotOlderThan' },
        signal,
      );
      expect(notOlder.resourceVersion).toBe('6');
    });

    it('should answer the server errors for bad resourceVersion options', async () => {
      const source = seeded();
      source.compact('3');
      const cases: [ListOptions, number, string][] = [
        [{ resourceVersion: '2', resourceVersionMatch: 'Exact' }, 410, 'Expired'],
        [{ resourceVersion: '99', resourceVersionMatch: 'NotOlderThan' }, 504, 'Timeout'],
        [{ resourceVersion: '99' }, 504, 'Timeout'],
        [{ resourceVersionMatch: 'Exact' }, 422, 'Invalid'],
        [{ resourceVersion: '0', resourceVersionMatch: 'Exact' }, 422, 'Invalid'],
        [{ resourceVersion: 'abc' }, 400, 'BadRequest'],
        [{ continue: 'not-a-token' }, 400, 'BadRequest'],
      ];
      for (const [options, code, reason] of cases) {
        const error = await rejection(source.list(options, signal));
        expect({ options, code: error.code, reason: error.reason }).toEqual({
          options,
          code,
          reason,
        });
        expect(error.status).toMatchObject({ kind: 'Status', status: 'Failure', code, reason });
      }
    });

    it('should page with limit and continue over the first page snapshot despite concurrent writes', async () => {
      const source = new FakeListerWatcher<Pod>({
        initialObjects: ['a', 'b', 'c', 'd', 'e'].map((name) => pod(name)),
      });
      const first = await source.list({ limit: 2 }, signal);
      expect(first.items.map((item) => item.metadata.name)).toEqual(['a', 'b']);
      expect(first.remainingItemCount).toBe(3);
      source.delete(pod('c'));
      source.add(pod('bb'));
      source.modify({ ...pod('d'), spec: { nodeName: 'later' } });
      const pages: ListResult<Pod>[] = [first];
      let token = first.continue;
      while (token !== undefined) {
        const page = await source.list({ limit: 2, continue: token }, signal);
        pages.push(page);
        token = page.continue;
      }
      expect(pages.map((page) => page.resourceVersion)).toEqual(['6', '6', '6']);
      expect(pages.flatMap((page) => page.items)).toEqual(
        ['a', 'b', 'c', 'd', 'e'].map((name, index) =>
          pod(name, { resourceVersion: String(index + 2) }),
        ),
      );
      expect(pages.map((page) => page.remainingItemCount)).toEqual([3, 1, undefined]);
      const fresh = await source.list({}, signal);
      expect(fresh.items.map((item) => item.metadata.name)).toEqual(['a', 'b', 'bb', 'd', 'e']);
    });

    it("should hand out the real server's continue token: unpadded URL-safe base64 of {v, rv, start}", async () => {
      const source = seeded();
      const first = await source.list({ limit: 1 }, signal);
      const token = first.continue ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))).toEqual({
        v: 'meta.k8s.io/v1',
        rv: 4,
        start: 'default/a\u0000',
      });
      // A token in standard base64 is not one the real server reads.
      const padded = Buffer.from(token, 'base64url').toString('base64');
      expect((await rejection(source.list({ limit: 1, continue: padded }, signal))).code).toBe(400);
    });

    it('should treat a resourceVersion with a limit and no match as exact', async () => {
      const source = seeded();
      source.add(pod('d'));
      const result = await source.list({ resourceVersion: '3', limit: 10 }, signal);
      expect(result.resourceVersion).toBe('3');
      expect(result.items).toHaveLength(2);
    });

    it('should answer 410 Expired for a continue token whose snapshot was compacted', async () => {
      const source = seeded();
      const first = await source.list({ limit: 1 }, signal);
      source.add(pod('d'));
      source.compact();
      const error = await rejection(source.list({ limit: 1, continue: first.continue }, signal));
      expect(error.code).toBe(410);
      expect(error.reason).toBe('Expired');
      expect(error.message).toMatch(/continue parameter is too old/);
    });

    it('should refuse a resourceVersion or match together with continue', async () => {
      const source = seeded();
      const first = await source.list({ limit: 1 }, signal);
      expect(
        (await rejection(source.list({ continue: first.continue, resourceVersion: '2' }, signal)))
          .code,
      ).toBe(400);
      const withMatch = { continue: first.continue, resourceVersionMatch: 'NotOlderThan' as const };
      expect((await rejection(source.list(withMatch, signal))).code).toBe(422);
      await expect(
        source.list({ limit: 1, continue: first.continue, resourceVersion: '0' }, signal),
      ).resolves.toMatchObject({
        items: [{ metadata: { name: 'b' } }],
      });
    });

    it('should reject with the abort reason when the signal is already aborted', async () => {
      const source = seeded();
      const reason = new Error('gone');
      await expect(source.list({}, AbortSignal.abort(reason))).rejects.toBe(reason);
      expect(source.calls).toHaveLength(1);
    });
  });

  describe('watch', () => {
    it('should replay the changes between a list and a watch from its resourceVersion', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a')] });
      const list = await source.list({}, signal);
      source.add(pod('b'));
      source.modify(pod('a'));
      source.delete(pod('b'));
      const stream = await source.watch({ resourceVersion: list.resourceVersion }, signal);
      source.add(pod('c'));
      expect(summary(await drain(source, stream))).toEqual([
        'ADDED b@3',
        'MODIFIED a@4',
        'DELETED b@5',
        'ADDED c@6',
      ]);
    });

    it('should send only later changes to a watch from the current resourceVersion', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a')] });
      const stream = await source.watch({ resourceVersion: source.resourceVersion }, signal);
      source.modify(pod('a'));
      expect(summary(await drain(source, stream))).toEqual(['MODIFIED a@3']);
    });

    it('should start with the current state for resourceVersion "" and "0"', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('b'), pod('a')] });
      for (const resourceVersion of [undefined, '0']) {
        const stream = await source.watch({ resourceVersion }, signal);
        expect(summary(await drain(source, stream))).toEqual(['ADDED a@3', 'ADDED b@2']);
      }
    });

    it('should answer 410 Expired for a compacted resourceVersion', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a'), pod('b')] });
      source.compact('3');
      const error = await rejection(source.watch({ resourceVersion: '2' }, signal));
      expect(error.code).toBe(410);
      expect(error.reason).toBe('Expired');
      expect(error.message).toBe('too old resource version: 2 (3)');
      const stream = await source.watch({ resourceVersion: '3' }, signal);
      expect(await drain(source, stream)).toEqual([]);
    });

    it('should clamp compaction to the current resourceVersion and refuse a malformed one', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a')] });
      source.compact('99');
      expect((await rejection(source.watch({ resourceVersion: '1' }, signal))).code).toBe(410);
      const stream = await source.watch({ resourceVersion: '2' }, signal);
      source.add(pod('b'));
      expect(summary(await drain(source, stream))).toEqual(['ADDED b@3']);
      expect(() => source.compact('abc')).toThrow(FakeListerWatcherError);
    });

    it('should compact history beyond historyLimit', async () => {
      const source = new FakeListerWatcher<Pod>({
        historyLimit: 2,
        initialObjects: [pod('a'), pod('b'), pod('c')],
      });
      expect((await rejection(source.watch({ resourceVersion: '1' }, signal))).code).toBe(410);
      const stream = await source.watch({ resourceVersion: '2' }, signal);
      expect(summary(await drain(source, stream))).toEqual(['ADDED b@3', 'ADDED c@4']);
    });

    it('should answer 504 for a resourceVersion not reached yet and 400 for a malformed one', async () => {
      const source = new FakeListerWatcher<Pod>();
      expect((await rejection(source.watch({ resourceVersion: '5' }, signal))).code).toBe(504);
      expect((await rejection(source.watch({ resourceVersion: 'x' }, signal))).code).toBe(400);
    });

    it('should send initial events and the initial-events-end bookmark with sendInitialEvents', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a'), pod('b')] });
      const stream = await source.watch(
        {
          sendInitialEvents: true,
          resourceVersionMatch: 'NotOlderThan',
          allowWatchBookmarks: true,
          resourceVersion: '',
        },
        signal,
      );
      source.add(pod('c'));
      const events = await drain(source, stream);
      expect(summary(events)).toEqual(['ADDED a@2', 'ADDED b@3', 'BOOKMARK @3', 'ADDED c@4']);
      expect(events[2]?.object).toEqual({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { resourceVersion: '3', annotations: { 'k8s.io/initial-events-end': 'true' } },
      });
    });

    it('should validate the watch-list options as the server does', async () => {
      const source = new FakeListerWatcher<Pod>();
      const invalid: ListOptions[] = [
        { sendInitialEvents: true, allowWatchBookmarks: true },
        { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' },
        { resourceVersionMatch: 'NotOlderThan', resourceVersion: '1' },
      ];
      for (const options of invalid)
        expect((await rejection(source.watch(options, signal))).code).toBe(422);
    });

    it('should send bookmarks only to watches that allowed them', async () => {
      const source = new FakeListerWatcher<Pod>({ initialObjects: [pod('a')] });
      const withBookmarks = await source.watch(
        { resourceVersion: '2', allowWatchBookmarks: true },
        signal,
      );
      const without = await source.watch({ resourceVersion: '2' }, signal);
      source.bookmark();
      source.dropWatches();
      expect(summary(await drain(source, withBookmarks))).toEqual(['BOOKMARK @2']);
      expect(await drain(source, without)).toEqual([]);
    });

    it('should count open watches and end them on dropWatches', async () => {
      const source = new FakeListerWatcher<Pod>();
      const first = await source.watch({ resourceVersion: '1' }, signal);
      await source.watch({ resourceVersion: '1' }, signal);
      expect(source.openWatches).toBe(2);
      source.dropWatches();
      expect(source.openWatches).toBe(0);
      expect(await drain(source, first)).toEqual([]);
      expect(() => source.add(pod('a'))).not.toThrow();
    });

    it('should end a watch when its signal aborts', async () => {
      const source = new FakeListerWatcher<Pod>();
      const controller = new AbortController();
      const stream = await source.watch({ resourceVersion: '1' }, controller.signal);
      const iterator = stream[Symbol.asyncIterator]();
      const next = iterator.next();
      controller.abort();
      await expect(next).resolves.toEqual({ done: true, value: undefined });
      expect(source.openWatches).toBe(0);
      source.add(pod('a'));
    });

    it('should end a watch after timeoutSeconds', async () => {
      vi.useFakeTimers();
      const source = new FakeListerWatcher<Pod>();
      const stream = await source.watch({ resourceVersion: '1', timeoutSeconds: 30 }, signal);
      await vi.advanceTimersByTimeAsync(29_000);
      expect(source.openWatches).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(source.openWatches).toBe(0);
      expect(await drain(source, stream)).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('should send an ERROR event and end every open watch on sendErrorEvent', async () => {
      const source = new FakeListerWatcher<Pod>();
      const stream = await source.watch({ resourceVersion: '1' }, signal);
      source.sendErrorEvent({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old' });
      expect(source.openWatches).toBe(0);
      expect(summary(await drain(source, stream))).toEqual(['ERROR 410']);
    });
  });

  describe('fault injection and call recording', () => {
    it('should fail the next calls with a real Status body, then succeed', async () => {
      const source = new FakeListerWatcher<Pod>();
      source.failNext('list', { status: 429 }, 2);
      source.failNext('watch', {
        status: 500,
        message: 'boom',
        causes: [{ reason: 'X', message: 'y' }],
      });
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const error = await rejection(source.list({}, signal));
        expect(error.code).toBe(429);
        expect(error.reason).toBe('TooManyRequests');
      }
      await expect(source.list({}, signal)).resolves.toMatchObject({ resourceVersion: '1' });
      const watchError = await rejection(source.watch({ resourceVersion: '1' }, signal));
      expect(watchError.status).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'boom',
        reason: 'InternalError',
        code: 500,
        details: { causes: [{ reason: 'X', message: 'y' }] },
      });
      expect(source.openWatches).toBe(0);
    });

    it('should fail with a 410 Expired as injected', async () => {
      const source = new FakeListerWatcher<Pod>();
      source.failNext('watch', { status: 410 });
      const error = await rejection(source.watch({ resourceVersion: '1' }, signal));
      expect([error.code, error.reason]).toEqual([410, 'Expired']);
    });

    it('should refuse the connection as Node does', async () => {
      const source = new FakeListerWatcher<Pod>();
      source.failNext('list', 'connection-refused');
      await expect(source.list({}, signal)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('should record every call with a copy of its options, failed ones included', async () => {
      const source = new FakeListerWatcher<Pod>();
      source.failNext('list', { status: 500 });
      const options: ListOptions = { limit: 5 };
      await source.list(options, signal).catch(() => undefined);
      options.limit = 6;
      await source.watch({ resourceVersion: '1', allowWatchBookmarks: true }, signal);
      expect(source.calls).toEqual([
        { method: 'list', options: { limit: 5 } },
        { method: 'watch', options: { resourceVersion: '1', allowWatchBookmarks: true } },
      ]);
    });

    it('should refuse a count that is not a positive integer', () => {
      const source = new FakeListerWatcher<Pod>();
      expect(() => source.failNext('list', { status: 500 }, 0)).toThrow(FakeListerWatcherError);
    });
  });
});
