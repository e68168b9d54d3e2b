// The protocol table: each row is a request and what the Kubernetes API concepts documentation
// says the server answers (resource versions, semantics for get/list/watch, retrieving large
// results in chunks, efficient detection of changes, watch bookmarks, streaming lists) and the
// API conventions for writes and errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream, sendRequest } from './http-test-client.test-support';
import type { WireEvent } from './http-test-client.test-support';

interface Fixture {
  readonly server: FakeApiServer;
  /** The RV right after the fixture pods were created, before p1 was modified. */
  readonly seededResourceVersion: string;
  /** The RV after p1's modification. */
  readonly currentResourceVersion: string;
}

interface ListBody {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } }[];
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string }[] };
}

interface RequestRow {
  readonly name: string;
  readonly method?: string;
  readonly path: (fixture: Fixture) => string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly before?: (fixture: Fixture) => void;
  readonly status: number;
  readonly expectBody?: (body: ListBody, fixture: Fixture) => void;
}

function pod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName: 'node-1' },
  };
}

const names = (body: ListBody): string[] =>
  (body.items ?? []).map((item) => item.metadata?.name ?? '');

async function createFixture(): Promise<Fixture> {
  const server = await FakeApiServer.start({ bookmarkIntervalMilliseconds: 20 });
  await server.seed([
    pod('p1', 'a', { app: 'web', tier: 'frontend' }),
    pod('p2', 'a', { app: 'db' }),
    pod('p3', 'b', { app: 'web', tier: 'backend' }),
    pod('p4', 'b', {}),
  ]);
  const seededResourceVersion = server.resourceVersion;
  server.update({ ...pod('p1', 'a', { app: 'web', tier: 'frontend', changed: 'yes' }) });
  return { server, seededResourceVersion, currentResourceVersion: server.resourceVersion };
}

const listRows: RequestRow[] = [
  // Semantics for get and list (resourceVersion / resourceVersionMatch).
  {
    name: 'list without resourceVersion: most recent, list RV is the current RV',
    path: () => '/api/v1/pods',
    status: 200,
    expectBody: (body, fixture) => {
      expect(body.kind).toBe('PodList');
      expect(body.metadata?.resourceVersion).toBe(fixture.currentResourceVersion);
      expect(names(body)).toEqual(['p1', 'p2', 'p3', 'p4']);
    },
  },
  {
    name: 'list with resourceVersion=0: any version, served',
    path: () => '/api/v1/pods?resourceVersion=0',
    status: 200,
    expectBody: (body) => expect(names(body)).toHaveLength(4),
  },
  {
    name: 'list with an older resourceVersion and no match: not older than, served at the latest',
    path: (fixture) => `/api/v1/pods?resourceVersion=${fixture.seededResourceVersion}`,
    status: 200,
    expectBody: (body, fixture) =>
      expect(body.metadata?.resourceVersion).toBe(fixture.currentResourceVersion),
  },
  {
    name: 'list with resourceVersionMatch=NotOlderThan: list RV is at least the requested one',
    path: (fixture) =>
      `/api/v1/pods?resourceVersion=${fixture.seededResourceVersion}&resourceVersionMatch=NotOlderThan`,
    status: 200,
    expectBody: (body, fixture) =>
      expect(Number(body.metadata?.resourceVersion)).toBeGreaterThanOrEqual(
        Number(fixture.seededResourceVersion),
      ),
  },
  {
    name: 'list with resourceVersionMatch=Exact: the snapshot at that RV',
    path: (fixture) =>
      `/api/v1/pods?resourceVersion=${fixture.seededResourceVersion}&resourceVersionMatch=Exact`,
    status: 200,
    expectBody: (body, fixture) => {
      expect(body.metadata?.resourceVersion).toBe(fixture.seededResourceVersion);
      expect(body.items?.[0]?.metadata?.labels).toEqual({ app: 'web', tier: 'frontend' });
    },
  },
  {
    name: 'list with a non-zero resourceVersion and a limit (legacy): exact',
    path: (fixture) => `/api/v1/pods?resourceVersion=${fixture.seededResourceVersion}&limit=10`,
    status: 200,
    expectBody: (body, fixture) =>
      expect(body.metadata?.resourceVersion).toBe(fixture.seededResourceVersion),
  },
  {
    name: 'list with an exact resourceVersion older than the compaction: 410 Expired',
    before: (fixture) => fixture.server.compact(),
    path: (fixture) =>
      `/api/v1/pods?resourceVersion=${fixture.seededResourceVersion}&resourceVersionMatch=Exact`,
    status: 410,
    expectBody: (body) => expect(body.reason).toBe('Expired'),
  },
  {
    name: 'list with a resourceVersion newer than the server: 504 ResourceVersionTooLarge',
    path: () => '/api/v1/pods?resourceVersion=999999&resourceVersionMatch=NotOlderThan',
    status: 504,
    expectBody: (body) => {
      expect(body.reason).toBe('Timeout');
      expect(body.details?.causes?.[0]?.reason).toBe('ResourceVersionTooLarge');
    },
  },
  {
    name: 'resourceVersionMatch without resourceVersion: 422 Invalid',
    path: () => '/api/v1/pods?resourceVersionMatch=NotOlderThan',
    status: 422,
    expectBody: (body) => expect(body.reason).toBe('Invalid'),
  },
  {
    name: 'resourceVersionMatch=Exact with resourceVersion=0: 422 Invalid',
    path: () => '/api/v1/pods?resourceVersion=0&resourceVersionMatch=Exact',
    status: 422,
  },
  {
    name: 'an unknown resourceVersionMatch: 422 Invalid',
    path: () => '/api/v1/pods?resourceVersion=1&resourceVersionMatch=Newest',
    status: 422,
  },
  {
    name: 'a resourceVersion that is not a number: 400',
    path: () => '/api/v1/pods?resourceVersion=abc',
    status: 400,
  },
  // Retrieving large results sets in chunks.
  {
    name: 'limit: a page, a continue token and remainingItemCount',
    path: () => '/api/v1/pods?limit=3',
    status: 200,
    expectBody: (body) => {
      expect(names(body)).toEqual(['p1', 'p2', 'p3']);
      expect(body.metadata?.continue).toEqual(expect.any(String));
      expect(body.metadata?.remainingItemCount).toBe(1);
    },
  },
  {
    name: 'limit larger than the collection: no continue token',
    path: () => '/api/v1/namespaces/a/pods?limit=10',
    status: 200,
    expectBody: (body) => {
      expect(names(body)).toEqual(['p1', 'p2']);
      expect(body.metadata?.continue).toBeUndefined();
    },
  },
  {
    name: 'limit with a label selector: no remainingItemCount',
    path: () => '/api/v1/pods?limit=1&labelSelector=app%3Dweb',
    status: 200,
    expectBody: (body) => {
      expect(names(body)).toEqual(['p1']);
      expect(body.metadata?.continue).toEqual(expect.any(String));
      expect(body.metadata?.remainingItemCount).toBeUndefined();
    },
  },
  {
    name: 'a continue token that does not decode: 400',
    path: () => '/api/v1/pods?limit=1&continue=not-a-token',
    status: 400,
  },
  {
    name: 'continue together with a resourceVersion: 400',
    path: () =>
      `/api/v1/pods?limit=1&resourceVersion=5&continue=${Buffer.from('{"v":"meta.k8s.io/v1","rv":5,"start":"a/p2"}').toString('base64url')}`,
    status: 400,
  },
  // Selectors.
  {
    name: 'labelSelector equality',
    path: () => '/api/v1/pods?labelSelector=app%3Dweb',
    status: 200,
    expectBody: (body) => expect(names(body)).toEqual(['p1', 'p3']),
  },
  {
    name: 'labelSelector set-based: in, notin, exists and does-not-exist',
    path: () =>
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in (web,db),tier notin (backend),!changed')}`,
    status: 200,
    expectBody: (body) => expect(names(body)).toEqual(['p2']),
  },
  {
    name: 'labelSelector inequality and existence',
    path: () => `/api/v1/pods?labelSelector=${encodeURIComponent('tier,app!=db')}`,
    status: 200,
    expectBody: (body) => expect(names(body)).toEqual(['p1', 'p3']),
  },
  {
    name: 'fieldSelector metadata.name and metadata.namespace',
    path: () =>
      `/api/v1/pods?fieldSelector=${encodeURIComponent('metadata.namespace=b,metadata.name!=p3')}`,
    status: 200,
    expectBody: (body) => expect(names(body)).toEqual(['p4']),
  },
  {
    name: 'a labelSelector that does not parse: 400',
    path: () => `/api/v1/pods?labelSelector=${encodeURIComponent('app in (web')}`,
    status: 400,
  },
  {
    name: 'a field selector on an unsupported field: 400',
    path: () => '/api/v1/pods?fieldSelector=spec.unknown%3Dx',
    status: 400,
  },
  // Paths and methods.
  {
    name: 'an unknown resource: 404',
    path: () => '/api/v1/widgets',
    status: 404,
  },
  {
    name: 'get a missing object: 404 NotFound Status',
    path: () => '/api/v1/namespaces/a/pods/missing',
    status: 404,
    expectBody: (body) =>
      expect(body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 }),
  },
  {
    name: 'delete a collection (deletecollection): 200 with the deleted objects, selectors honoured',
    method: 'DELETE',
    path: () => '/api/v1/pods?labelSelector=app%3Dweb',
    status: 200,
    expectBody: (body, fixture) => {
      expect(body.kind).toBe('PodList');
      expect(names(body)).toEqual(['p1', 'p3']);
      expect(fixture.server.list('v1', 'Pod').map((pod) => pod.metadata?.name)).toEqual([
        'p2',
        'p4',
      ]);
    },
  },
  {
    name: 'a method the resource does not allow: 405 MethodNotAllowed',
    method: 'PUT',
    path: () => '/api/v1/namespaces/a/pods',
    body: {},
    status: 405,
  },

  // Writes.
  {
    name: 'create: 201 with uid, creationTimestamp and a new resourceVersion',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } },
    status: 201,
    expectBody: (body, fixture) =>
      expect(body).toMatchObject({
        kind: 'ConfigMap',
        metadata: {
          name: 'settings',
          namespace: 'a',
          uid: expect.any(String),
          creationTimestamp: expect.any(String),
          resourceVersion: String(Number(fixture.currentResourceVersion) + 1),
        },
      }),
  },
  {
    name: 'create with generateName: a generated name with that prefix',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: { metadata: { generateName: 'settings-' } },
    status: 201,
    expectBody: (body) =>
      expect(body).toMatchObject({
        metadata: { name: expect.stringMatching(/^settings-[a-z0-9]{5}$/) },
      }),
  },
  {
    name: 'create an existing object: 409 AlreadyExists',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/pods',
    body: { metadata: { name: 'p1' } },
    status: 409,
    expectBody: (body) => expect(body.reason).toBe('AlreadyExists'),
  },
  {
    name: 'create in a namespace that does not exist: 404',
    method: 'POST',
    path: () => '/api/v1/namespaces/nowhere/configmaps',
    body: { metadata: { name: 'x' } },
    status: 404,
  },
  {
    name: 'create without a name: 422 Invalid',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: { metadata: {} },
    status: 422,
    expectBody: (body) => expect(body.reason).toBe('Invalid'),
  },
  {
    name: 'create with an invalid name: 422 Invalid',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: { metadata: { name: 'Not_Valid' } },
    status: 422,
  },
  {
    name: 'create with a body that is not JSON: 400',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: '{not json',
    status: 400,
  },
  {
    name: 'create with a namespace that differs from the path: 400',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps',
    body: { metadata: { name: 'x', namespace: 'b' } },
    status: 400,
  },
  {
    name: 'replace with a stale resourceVersion: 409 Conflict',
    method: 'PUT',
    path: () => '/api/v1/namespaces/a/pods/p1',
    body: (() => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1', namespace: 'a', resourceVersion: '1' },
    }))(),
    status: 409,
    expectBody: (body) => expect(body.reason).toBe('Conflict'),
  },
  {
    name: 'replace a missing object: 404',
    method: 'PUT',
    path: () => '/api/v1/namespaces/a/pods/missing',
    body: { metadata: { name: 'missing' } },
    status: 404,
  },
  {
    name: 'replace with a name that differs from the path: 400',
    method: 'PUT',
    path: () => '/api/v1/namespaces/a/pods/p1',
    body: { metadata: { name: 'p2' } },
    status: 400,
  },
  {
    name: 'merge patch: 200 with the change and a new resourceVersion',
    method: 'PATCH',
    path: () => '/api/v1/namespaces/a/pods/p2',
    body: { metadata: { labels: { app: null, patched: 'true' } } },
    contentType: 'application/merge-patch+json',
    status: 200,
    expectBody: (body, fixture) => {
      expect(body).toMatchObject({ metadata: { labels: { patched: 'true' } } });
      expect((body as { metadata: { resourceVersion: string } }).metadata.resourceVersion).toBe(
        String(Number(fixture.currentResourceVersion) + 1),
      );
    },
  },
  {
    name: 'json patch: 200',
    method: 'PATCH',
    path: () => '/api/v1/namespaces/a/pods/p2',
    body: [{ op: 'add', path: '/metadata/labels/extra', value: 'x' }],
    contentType: 'application/json-patch+json',
    status: 200,
    expectBody: (body) =>
      expect(body).toMatchObject({ metadata: { labels: { app: 'db', extra: 'x' } } }),
  },
  {
    name: 'server-side apply patch: 415 UnsupportedMediaType',
    method: 'PATCH',
    path: () => '/api/v1/namespaces/a/pods/p2',
    body: 'metadata: {}',
    contentType: 'application/apply-patch+yaml',
    status: 415,
  },
  {
    name: 'patch a missing object: 404',
    method: 'PATCH',
    path: () => '/api/v1/namespaces/a/pods/missing',
    body: {},
    contentType: 'application/merge-patch+json',
    status: 404,
  },
  {
    name: 'delete: 200 with the object',
    method: 'DELETE',
    path: () => '/api/v1/namespaces/b/pods/p4',
    status: 200,
    expectBody: (body) => expect(body).toMatchObject({ kind: 'Pod', metadata: { name: 'p4' } }),
  },
  {
    name: 'delete with a failing resourceVersion precondition: 409 Conflict',
    method: 'DELETE',
    path: () => '/api/v1/namespaces/b/pods/p4',
    body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } },
    status: 409,
  },
  {
    name: 'delete a missing object: 404',
    method: 'DELETE',
    path: () => '/api/v1/namespaces/b/pods/missing',
    status: 404,
  },
  {
    name: 'create with dryRun=All: 201 with the result, nothing stored',
    method: 'POST',
    path: () => '/api/v1/namespaces/a/configmaps?dryRun=All',
    body: { metadata: { name: 'dry' } },
    status: 201,
    expectBody: (body, fixture) => {
      expect(body).toMatchObject({ metadata: { name: 'dry', namespace: 'a' } });
      expect(fixture.server.get('v1', 'ConfigMap', 'a', 'dry')).toBeUndefined();
      expect(fixture.server.resourceVersion).toBe(fixture.currentResourceVersion);
    },
  },
  {
    name: 'delete with dryRun=All: 200, the object stays',
    method: 'DELETE',
    path: () => '/api/v1/namespaces/b/pods/p4?dryRun=All',
    status: 200,
    expectBody: (_body, fixture) =>
      expect(fixture.server.get('v1', 'Pod', 'b', 'p4')).toBeDefined(),
  },
  {
    name: 'an unsupported dryRun value: 422 Invalid',
    method: 'DELETE',
    path: () => '/api/v1/namespaces/b/pods/p4?dryRun=Some',
    status: 422,
  },
  {
    name: 'get a cluster-scoped object',
    path: () => '/api/v1/namespaces/a',
    status: 200,
    expectBody: (body) =>
      expect(body).toMatchObject({ kind: 'Namespace', metadata: { name: 'a' } }),
  },
];

interface WatchRow {
  readonly name: string;
  readonly path: (fixture: Fixture) => string;
  readonly act?: (fixture: Fixture) => void;
  readonly before?: (fixture: Fixture) => void;
  readonly count: number;
  readonly status?: number;
  /** `[type, name]`, or `[type, name, annotation k8s.io/initial-events-end]` for bookmarks. */
  readonly events: (fixture: Fixture) => (string | undefined)[][];
  readonly keepPeriodicBookmarks?: boolean;
}

const modifyP3 = (fixture: Fixture): void => {
  const current = fixture.server.get('v1', 'Pod', 'b', 'p3');
  fixture.server.update({
    ...current,
    metadata: { ...current?.metadata, labels: { app: 'other' } },
  });
};

const watchRows: WatchRow[] = [
  {
    name: 'watch from a resourceVersion: the changes after it, in order',
    path: (fixture) => `/api/v1/pods?watch=true&resourceVersion=${fixture.seededResourceVersion}`,
    act: (fixture) => fixture.server.delete('v1', 'Pod', 'a', 'p2'),
    count: 2,
    events: () => [
      ['MODIFIED', 'p1'],
      ['DELETED', 'p2'],
    ],
  },
  {
    name: 'watch without a resourceVersion: synthetic ADDED for the current state, then changes',
    path: () => '/api/v1/namespaces/a/pods?watch=true',
    act: (fixture) => fixture.server.delete('v1', 'Pod', 'a', 'p2'),
    count: 3,
    events: () => [
      ['ADDED', 'p1'],
      ['ADDED', 'p2'],
      ['DELETED', 'p2'],
    ],
  },
  {
    name: 'watch from resourceVersion=0: synthetic ADDED for the current state',
    path: () => '/api/v1/namespaces/b/pods?watch=1&resourceVersion=0',
    count: 2,
    events: () => [
      ['ADDED', 'p3'],
      ['ADDED', 'p4'],
    ],
  },
  {
    name: 'watch from a compacted resourceVersion: 200, then an ERROR event with 410 Expired',
    before: (fixture) => fixture.server.compact(),
    path: (fixture) => `/api/v1/pods?watch=true&resourceVersion=${fixture.seededResourceVersion}`,
    count: 1,
    events: () => [['ERROR', undefined]],
  },
  {
    name: 'watch with a label selector: leaving the selection is DELETED, entering it ADDED',
    path: (fixture) =>
      `/api/v1/pods?watch=true&labelSelector=app%3Dweb&resourceVersion=${fixture.currentResourceVersion}`,
    act: (fixture) => {
      modifyP3(fixture);
      const p2 = fixture.server.get('v1', 'Pod', 'a', 'p2');
      fixture.server.update({ ...p2, metadata: { ...p2?.metadata, labels: { app: 'web' } } });
    },
    count: 2,
    events: () => [
      ['DELETED', 'p3'],
      ['ADDED', 'p2'],
    ],
  },
  {
    name: 'watch with a field selector on one name',
    path: (fixture) =>
      `/api/v1/namespaces/b/pods?watch=true&fieldSelector=metadata.name%3Dp3&resourceVersion=${fixture.currentResourceVersion}`,
    act: (fixture) => {
      fixture.server.delete('v1', 'Pod', 'b', 'p4');
      modifyP3(fixture);
    },
    count: 1,
    events: () => [['MODIFIED', 'p3']],
  },
  {
    name: 'allowWatchBookmarks: BOOKMARK events carrying the current resourceVersion',
    keepPeriodicBookmarks: true,
    path: (fixture) =>
      `/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${fixture.currentResourceVersion}`,
    count: 1,
    events: () => [['BOOKMARK', undefined, undefined]],
  },
  {
    name: 'sendInitialEvents=true: ADDED for the state, a bookmark marked initial-events-end, then changes',
    path: () =>
      '/api/v1/namespaces/a/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
    act: (fixture) => fixture.server.delete('v1', 'Pod', 'a', 'p1'),
    count: 4,
    events: () => [
      ['ADDED', 'p1'],
      ['ADDED', 'p2'],
      ['BOOKMARK', undefined, 'true'],
      ['DELETED', 'p1'],
    ],
  },
  {
    name: 'the legacy /watch/ path prefix',
    path: (fixture) =>
      `/api/v1/watch/namespaces/a/pods?resourceVersion=${fixture.currentResourceVersion}`,
    act: (fixture) => fixture.server.delete('v1', 'Pod', 'a', 'p1'),
    count: 1,
    events: () => [['DELETED', 'p1']],
  },
  {
    name: 'timeoutSeconds: the server ends the stream',
    path: (fixture) =>
      `/api/v1/pods?watch=true&timeoutSeconds=1&resourceVersion=${fixture.currentResourceVersion}`,
    count: 1,
    events: () => [],
  },
];

describe('FakeApiServer protocol table', () => {
  let fixture: Fixture;

  beforeEach(async () => {
    fixture = await createFixture();
  });

  afterEach(async () => {
    await fixture.server.close();
  });

  describe('requests', () => {
    it.each(listRows)('should answer: $name', async (row) => {
      row.before?.(fixture);
      const answer = await sendRequest(
        fixture.server.url,
        row.method ?? 'GET',
        row.path(fixture),
        row.body,
        row.contentType,
      );
      expect(answer.status).toBe(row.status);
      expect(answer.headers['content-type']).toBe('application/json');
      if (row.status >= 400)
        expect(answer.body).toMatchObject({ kind: 'Status', status: 'Failure', code: row.status });
      row.expectBody?.(answer.body as ListBody, fixture);
    });
  });

  describe('watch requests', () => {
    it.each(watchRows)('should stream: $name', async (row) => {
      row.before?.(fixture);
      const watch = await openWatchStream(fixture.server.url, row.path(fixture));
      expect(watch.status).toBe(row.status ?? 200);
      row.act?.(fixture);
      // Periodic bookmarks may come at any moment; only the bookmark rows look at them.
      const periodic = (event: WireEvent): boolean =>
        event.type === 'BOOKMARK' &&
        event.object.metadata?.annotations?.['k8s.io/initial-events-end'] === undefined;
      const relevant = (): WireEvent[] =>
        watch.events.filter((event) => row.keepPeriodicBookmarks === true || !periodic(event));
      for (let count = row.count; relevant().length < row.count; count += 1) {
        const received = await watch.waitFor(count);
        if (received.length < count) break;
      }
      const events = relevant();
      const expected = row.events(fixture);
      const actual = events
        .slice(0, expected.length)
        .map((event) =>
          event.type === 'BOOKMARK'
            ? [
                event.type,
                event.object.metadata?.name,
                event.object.metadata?.annotations?.['k8s.io/initial-events-end'],
              ]
            : [event.type, event.object.metadata?.name],
        );
      expect(actual).toEqual(expected);
      if (expected.length === 0) await watch.ended;
      watch.close();
    });

    it('should send an Expired Status in the ERROR event for a compacted resourceVersion', async () => {
      fixture.server.compact();
      const watch = await openWatchStream(
        fixture.server.url,
        `/api/v1/pods?watch=true&resourceVersion=${fixture.seededResourceVersion}`,
      );
      const [event] = await watch.waitFor(1);
      expect(event?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
      await watch.ended;
    });

    it('should give bookmarks the resourceVersion of the latest change', async () => {
      const watch = await openWatchStream(
        fixture.server.url,
        `/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${fixture.currentResourceVersion}`,
      );
      fixture.server.delete('v1', 'Pod', 'b', 'p4');
      const bookmarkAfterDelete = (): WireEvent | undefined => {
        const deletedAt = watch.events.findIndex((event) => event.type === 'DELETED');
        return deletedAt < 0
          ? undefined
          : watch.events.slice(deletedAt + 1).find((event) => event.type === 'BOOKMARK');
      };
      for (let count = 2; bookmarkAfterDelete() === undefined; count += 1)
        await watch.waitFor(count);
      expect(bookmarkAfterDelete()).toMatchObject({
        type: 'BOOKMARK',
        object: { kind: 'Pod', metadata: { resourceVersion: fixture.server.resourceVersion } },
      });
      watch.close();
    });

    it.each([
      [
        'without resourceVersionMatch',
        '/api/v1/pods?watch=true&sendInitialEvents=true&allowWatchBookmarks=true',
      ],
      [
        'without allowWatchBookmarks',
        '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
      ],
      [
        'on a list',
        '/api/v1/pods?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=1',
      ],
    ])('should reject sendInitialEvents %s with 422', async (_label, path) => {
      const answer = await sendRequest(fixture.server.url, 'GET', path);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ kind: 'Status', reason: 'Invalid' });
    });
  });

  describe('paging', () => {
    it('should serve the next page from the first page snapshot, even after changes', async () => {
      const first = (await sendRequest(fixture.server.url, 'GET', '/api/v1/pods?limit=2'))
        .body as ListBody;
      fixture.server.delete('v1', 'Pod', 'b', 'p3');
      fixture.server.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p5', namespace: 'b' },
      });
      const token = encodeURIComponent(first.metadata?.continue ?? '');
      const second = (
        await sendRequest(fixture.server.url, 'GET', `/api/v1/pods?limit=2&continue=${token}`)
      ).body as ListBody;
      expect(names(first)).toEqual(['p1', 'p2']);
      expect(names(second)).toEqual(['p3', 'p4']);
      expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
      expect(second.metadata?.continue).toBeUndefined();
    });

    it('should answer an expired continue token with 410 and an inconsistent continue token', async () => {
      const first = (await sendRequest(fixture.server.url, 'GET', '/api/v1/pods?limit=2'))
        .body as ListBody;
      fixture.server.delete('v1', 'Pod', 'b', 'p3');
      fixture.server.compact();
      const token = encodeURIComponent(first.metadata?.continue ?? '');
      const expired = await sendRequest(
        fixture.server.url,
        'GET',
        `/api/v1/pods?limit=2&continue=${token}`,
      );
      expect(expired.status).toBe(410);
      const status = expired.body as ListBody;
      expect(status.reason).toBe('Expired');
      const inconsistent = encodeURIComponent(status.metadata?.continue ?? '');
      const rest = (
        await sendRequest(
          fixture.server.url,
          'GET',
          `/api/v1/pods?limit=2&continue=${inconsistent}`,
        )
      ).body as ListBody;
      expect(names(rest)).toEqual(['p4']);
      expect(rest.metadata?.resourceVersion).toBe(fixture.server.resourceVersion);
    });
  });
});
