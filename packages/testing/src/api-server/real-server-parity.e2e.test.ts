// Parity with a real kube-apiserver (the e2e suite: `pnpm test:e2e`): the same requests against
// the fake and a real server (etcd + kube-apiserver from @kube-cache/e2e-harness) get the same
// HTTP status and Status reason, and lists the same shape.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { startKubeCluster } from '@kube-cache/e2e-harness';
import type { KubeCluster } from '@kube-cache/e2e-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContinueToken } from '../cluster/continue-token';
import { FakeApiServer } from './fake-api-server';

interface Target {
  readonly url: string;
  readonly certificateAuthority?: string | undefined;
  readonly token?: string | undefined;
  /** The RV after creating the fixture config maps, before c1 was modified. */
  seededResourceVersion: string;
}

interface Answer {
  readonly status: number;
  readonly body: {
    kind?: string;
    reason?: string;
    metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
    items?: { kind?: string; metadata?: { name?: string } }[];
  };
}

function send(
  target: Target,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (target.token !== undefined) headers['authorization'] = `Bearer ${target.token}`;
    if (body !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const send = target.url.startsWith('https') ? httpsRequest : httpRequest;
    const outgoing = send(
      new URL(path, target.url),
      { method, headers, ca: target.certificateAuthority },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          let parsed: Answer['body'] = {};
          try {
            parsed = JSON.parse(text) as Answer['body'];
          } catch {
            // Not JSON: compared by status only.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function readLines(target: Target, path: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      target.token === undefined ? {} : { authorization: `Bearer ${target.token}` };
    const get = target.url.startsWith('https') ? httpsRequest : httpRequest;
    const outgoing = get(
      new URL(path, target.url),
      { headers, ca: target.certificateAuthority },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          const lines = text.split('\n').filter((line) => line.trim() !== '');
          if (text.endsWith('\n') && lines.length >= count) {
            outgoing.destroy();
            resolve(lines.slice(0, count));
          }
        });
      },
    );
    outgoing.on('error', (error) => {
      if (!outgoing.destroyed) reject(error);
    });
    outgoing.end();
  });
}

async function createFixture(target: Target): Promise<void> {
  for (const namespace of ['a', 'b']) {
    await send(
      target,
      'POST',
      '/api/v1/namespaces',
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }),
    );
  }
  const configMaps: [string, string, Record<string, string>][] = [
    ['c1', 'a', { app: 'web', tier: 'frontend' }],
    ['c2', 'a', { app: 'db' }],
    ['c3', 'b', { app: 'web', tier: 'backend' }],
    ['c4', 'b', {}],
  ];
  for (const [name, namespace, labels] of configMaps) {
    const created = await send(
      target,
      'POST',
      `/api/v1/namespaces/${namespace}/configmaps`,
      JSON.stringify({ metadata: { name, labels } }),
    );
    expect(created.status).toBe(201);
  }
  const list = await send(target, 'GET', '/api/v1/namespaces/a/configmaps');
  target.seededResourceVersion = list.body.metadata?.resourceVersion ?? '';
  await send(
    target,
    'PATCH',
    '/api/v1/namespaces/a/configmaps/c1',
    JSON.stringify({ data: { changed: 'yes' } }),
    'application/merge-patch+json',
  );
}

interface Row {
  readonly name: string;
  readonly method: string;
  readonly path: (target: Target) => string;
  readonly body?: string;
  readonly contentType?: string;
  /** Compare only status and kind: `resourceVersion=0` may be served from a lagging cache. */
  readonly shapeOnly?: boolean;
}

function row(
  name: string,
  method: string,
  path: (target: Target) => string,
  body?: string,
  contentType?: string,
): Row {
  return {
    name,
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

// Read-only rows first, so that every row sees the same fixture on both servers.
const rows: readonly Row[] = [
  row('list, most recent', 'GET', () => '/api/v1/configmaps?labelSelector=app'),
  {
    ...row(
      'list, resourceVersion=0',
      'GET',
      () => '/api/v1/namespaces/a/configmaps?resourceVersion=0',
    ),
    shapeOnly: true,
  },
  row(
    'list, exact at the seeded RV',
    'GET',
    (target) =>
      `/api/v1/namespaces/a/configmaps?resourceVersion=${target.seededResourceVersion}&resourceVersionMatch=Exact`,
  ),
  row(
    'list, a future RV',
    'GET',
    () => '/api/v1/configmaps?resourceVersion=99999999&resourceVersionMatch=NotOlderThan',
  ),
  row(
    'resourceVersionMatch without resourceVersion',
    'GET',
    () => '/api/v1/configmaps?resourceVersionMatch=NotOlderThan',
  ),
  row(
    'Exact with resourceVersion=0',
    'GET',
    () => '/api/v1/configmaps?resourceVersion=0&resourceVersionMatch=Exact',
  ),
  row(
    'an unknown resourceVersionMatch',
    'GET',
    () => '/api/v1/configmaps?resourceVersion=1&resourceVersionMatch=Newest',
  ),
  row('a page', 'GET', () => '/api/v1/namespaces/a/configmaps?limit=1'),
  row('a page with a selector', 'GET', () => '/api/v1/configmaps?limit=1&labelSelector=app%3Dweb'),
  row('a bad continue token', 'GET', () => '/api/v1/configmaps?limit=1&continue=garbage'),
  row('a bad label selector', 'GET', () => '/api/v1/configmaps?labelSelector=app%20in%20(web'),
  row('an unsupported field selector', 'GET', () => '/api/v1/configmaps?fieldSelector=spec.x%3D1'),
  row('a pod field selector on pods', 'GET', () => '/api/v1/pods?fieldSelector=spec.nodeName%3Dn1'),
  row(
    'a pod field selector on config maps',
    'GET',
    () => '/api/v1/configmaps?fieldSelector=spec.nodeName%3Dn1',
  ),
  row('an unknown resource', 'GET', () => '/api/v1/widgets'),
  row('a missing object', 'GET', () => '/api/v1/namespaces/a/configmaps/nope'),
  row('a namespaced object without a namespace', 'GET', () => '/api/v1/configmaps/c1'),
  row(
    'create in a missing namespace',
    'POST',
    () => '/api/v1/namespaces/nowhere/configmaps',
    JSON.stringify({ metadata: { name: 'x' } }),
  ),
  row(
    'create without a name',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    JSON.stringify({ metadata: {} }),
  ),
  row(
    'create with an invalid name',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    JSON.stringify({ metadata: { name: 'Bad_Name' } }),
  ),
  row(
    'create with a body that is not JSON',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    '{bad',
  ),
  row(
    'create with another namespace in the body',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    JSON.stringify({ metadata: { name: 'y', namespace: 'b' } }),
  ),
  row(
    'create an existing object',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    JSON.stringify({ metadata: { name: 'c2' } }),
  ),
  row(
    'create on the all-namespaces path',
    'POST',
    () => '/api/v1/configmaps',
    JSON.stringify({ metadata: { name: 'z', namespace: 'a' } }),
  ),
  row(
    'replace with a stale resourceVersion',
    'PUT',
    () => '/api/v1/namespaces/a/configmaps/c2',
    JSON.stringify({ metadata: { name: 'c2', resourceVersion: '1' } }),
  ),
  row(
    'replace a missing object',
    'PUT',
    () => '/api/v1/namespaces/a/configmaps/nope',
    JSON.stringify({ metadata: { name: 'nope' } }),
  ),
  row(
    'replace with another name in the body',
    'PUT',
    () => '/api/v1/namespaces/a/configmaps/c2',
    JSON.stringify({ metadata: { name: 'c3' } }),
  ),
  row(
    'patch with an unknown content type',
    'PATCH',
    () => '/api/v1/namespaces/a/configmaps/c2',
    '{}',
    'text/plain',
  ),
  row(
    'create with a body in an unknown format',
    'POST',
    () => '/api/v1/namespaces/a/configmaps',
    'name: c9',
    'text/plain',
  ),
  row(
    'patch a missing object',
    'PATCH',
    () => '/api/v1/namespaces/a/configmaps/nope',
    '{}',
    'application/merge-patch+json',
  ),
  row(
    'delete with a failing precondition',
    'DELETE',
    () => '/api/v1/namespaces/b/configmaps/c4',
    JSON.stringify({ preconditions: { resourceVersion: '1' } }),
  ),
  row('delete a missing object', 'DELETE', () => '/api/v1/namespaces/b/configmaps/nope'),
  row(
    'delete with an unsupported dryRun',
    'DELETE',
    () => '/api/v1/namespaces/b/configmaps/c4?dryRun=Some',
  ),
  row('delete with dryRun=All', 'DELETE', () => '/api/v1/namespaces/b/configmaps/c4?dryRun=All'),
  row(
    'deletecollection with a selector',
    'DELETE',
    () => '/api/v1/namespaces/b/configmaps?labelSelector=tier%3Dbackend',
  ),
];

function shape(answer: Answer): Record<string, unknown> {
  const { body } = answer;
  if (body.kind === 'Status') return { status: answer.status, reason: body.reason };
  return {
    status: answer.status,
    kind: body.kind,
    continued: body.metadata?.continue !== undefined,
    remainingItemCount: body.metadata?.remainingItemCount,
    names: body.items?.map((item) => item.metadata?.name),
    itemKinds: body.items?.map((item) => item.kind),
  };
}

describe('FakeApiServer parity with a real kube-apiserver', () => {
  let cluster: KubeCluster;
  let fake: FakeApiServer;
  let real: Target;
  let ours: Target;

  beforeAll(async () => {
    cluster = await startKubeCluster({ authorizationMode: 'AlwaysAllow' });
    fake = await FakeApiServer.start();
    real = {
      url: cluster.server,
      certificateAuthority: cluster.certificateAuthorityPem,
      token: cluster.token,
      seededResourceVersion: '',
    };
    ours = { url: fake.url, seededResourceVersion: '' };
    await createFixture(real);
    await createFixture(ours);
  });

  afterAll(async () => {
    await fake?.close();
    await cluster?.stop();
  });

  it.each(rows)(
    'should answer like the real server: $name',
    async ({ method, path, body, contentType, shapeOnly }) => {
      const expected = await send(real, method, path(real), body, contentType);
      const actual = await send(ours, method, path(ours), body, contentType);
      if (shapeOnly === true) {
        expect([actual.status, actual.body.kind]).toEqual([expected.status, expected.body.kind]);
      } else expect(shape(actual)).toEqual(shape(expected));
    },
  );

  it('should hand out the same continue tokens: RawURL base64 of {v, rv, start}, start relative to the listed namespace', async () => {
    const token = async (target: Target, path: string): Promise<unknown> => {
      const page = await send(target, 'GET', path);
      const position = decodeContinueToken(page.body.metadata?.continue ?? '');
      return {
        atListResourceVersion:
          String(position.resourceVersion) === page.body.metadata?.resourceVersion,
        start: position.startKey,
      };
    };
    for (const path of ['/api/v1/namespaces/a/configmaps?limit=1', '/api/v1/configmaps?limit=1']) {
      const expected = await token(real, path);
      expect(expected).toMatchObject({ atListResourceVersion: true });
      expect(await token(ours, path)).toEqual(expected);
    }
  });

  it('should stream the same watch events through a label selector, leaving ones included', async () => {
    const events = async (target: Target): Promise<string[]> => {
      const current = await send(target, 'GET', '/api/v1/namespaces/a/configmaps');
      const resourceVersion = current.body.metadata?.resourceVersion ?? '';
      const lines = readLines(
        target,
        `/api/v1/namespaces/a/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion=${resourceVersion}`,
        3,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const patch = (name: string, app: string): Promise<Answer> =>
        send(
          target,
          'PATCH',
          `/api/v1/namespaces/a/configmaps/${name}`,
          JSON.stringify({ metadata: { labels: { app } } }),
          'application/merge-patch+json',
        );
      const left = await patch('c1', 'other');
      await patch('c2', 'web');
      await send(
        target,
        'PATCH',
        '/api/v1/namespaces/a/configmaps/c2',
        JSON.stringify({ data: { x: '1' } }),
        'application/merge-patch+json',
      );
      // An object leaving the selection arrives in its last matching state, at the new RV.
      return (await lines).map((line) => {
        const event = JSON.parse(line) as {
          type: string;
          object: {
            metadata?: { name?: string; labels?: Record<string, string>; resourceVersion?: string };
          };
        };
        const { name = '', labels = {}, resourceVersion } = event.object.metadata ?? {};
        const atLeavingRevision = resourceVersion === left.body.metadata?.resourceVersion;
        return `${event.type} ${name} app=${labels['app'] ?? ''}${atLeavingRevision ? ' at-leaving-rv' : ''}`;
      });
    };
    const expected = await events(real);
    expect(expected).toEqual([
      'DELETED c1 app=web at-leaving-rv',
      'ADDED c2 app=web',
      'MODIFIED c2 app=web',
    ]);
    expect(await events(ours)).toEqual(expected);
  });

  it('should serve leases as the real server does: MicroTime kept, 409 Status on a stale replace, Status on delete', async () => {
    const collection = '/apis/coordination.k8s.io/v1/namespaces/a/leases';
    const spec = {
      holderIdentity: 'replica-a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-02T01:02:03.000001Z',
      renewTime: '2026-12-02T01:02:04.123450Z',
      leaseTransitions: 0,
    };
    const leaseBody = (resourceVersion: string | undefined, holderIdentity: string): string =>
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'l1', ...(resourceVersion === undefined ? {} : { resourceVersion }) },
        spec: { ...spec, holderIdentity },
      });
    const exchange = async (target: Target): Promise<unknown[]> => {
      const created = await send(target, 'POST', collection, leaseBody(undefined, 'replica-a'));
      const stale = created.body.metadata?.resourceVersion;
      const read = (await send(target, 'GET', `${collection}/l1`)).body as { spec?: unknown };
      const replaced = await send(target, 'PUT', `${collection}/l1`, leaseBody(stale, 'b'));
      const conflict = await send(target, 'PUT', `${collection}/l1`, leaseBody(stale, 'c'));
      const deleted = await send(target, 'DELETE', `${collection}/l1`);
      return [
        created.status,
        read.spec,
        replaced.status,
        conflict.status,
        conflict.body,
        deleted.status,
        deleted.body.kind,
      ];
    };
    const expected = await exchange(real);
    expect(expected.slice(0, 4)).toEqual([201, spec, 200, 409]);
    expect(await exchange(ours)).toEqual(expected);
  });

  it('should answer a list at a compacted resourceVersion with 410 Expired, as the real server does', async () => {
    await cluster.compactEtcd();
    fake.compact();
    const path = (target: Target): string =>
      `/api/v1/configmaps?resourceVersion=${target.seededResourceVersion}&resourceVersionMatch=Exact`;
    const expected = await send(real, 'GET', path(real));
    const actual = await send(ours, 'GET', path(ours));
    expect(shape(actual)).toEqual(shape(expected));
    expect(actual.status).toBe(410);
  });
});
