// coordination.k8s.io/v1 leases over real HTTP, as @kube-cache/leaderelection uses them: create,
// get, replace with a resourceVersion precondition (409 Conflict when stale), list, watch, delete.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { openWatchStream, sendRequest } from './http-test-client.test-support';

const collection = '/apis/coordination.k8s.io/v1/namespaces/default/leases';

interface LeaseBody {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string };
  spec: Record<string, unknown>;
}

// MicroTime: RFC 3339 with exactly six fractional digits, as client-go writes it.
const spec = {
  holderIdentity: 'replica-a',
  leaseDurationSeconds: 15,
  acquireTime: '2026-12-02T01:02:03.000001Z',
  renewTime: '2026-12-02T01:02:04.123450Z',
  leaseTransitions: 0,
};

const lease = (resourceVersion?: string, holderIdentity = 'replica-a'): LeaseBody => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: {
    name: 'my-controller',
    namespace: 'default',
    ...(resourceVersion === undefined ? {} : { resourceVersion }),
  },
  spec: { ...spec, holderIdentity },
});

describe('FakeApiServer leases (coordination.k8s.io/v1)', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it('should list leases in discovery as a namespaced resource of coordination.k8s.io/v1', async () => {
    const groups = await sendRequest(server.url, 'GET', '/apis');
    expect(groups.body).toMatchObject({
      kind: 'APIGroupList',
      groups: expect.arrayContaining([
        expect.objectContaining({
          name: 'coordination.k8s.io',
          preferredVersion: { groupVersion: 'coordination.k8s.io/v1', version: 'v1' },
        }),
      ]),
    });
    const resources = await sendRequest(server.url, 'GET', '/apis/coordination.k8s.io/v1');
    expect(resources.status).toBe(200);
    expect(resources.body).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'coordination.k8s.io/v1',
      resources: [expect.objectContaining({ name: 'leases', kind: 'Lease', namespaced: true })],
    });
  });

  it('should create, get and replace a lease, keeping MicroTime fields unchanged', async () => {
    const created = await sendRequest(server.url, 'POST', collection, lease());
    expect(created.status).toBe(201);
    const createdBody = created.body as LeaseBody;
    expect(createdBody.spec).toEqual(spec);

    const read = await sendRequest(server.url, 'GET', `${collection}/my-controller`);
    expect(read.status).toBe(200);
    expect((read.body as LeaseBody).spec).toEqual(spec);
    expect(JSON.stringify(read.body)).toContain('"renewTime":"2026-12-02T01:02:04.123450Z"');

    const renewed = {
      ...lease(createdBody.metadata.resourceVersion),
      spec: { ...spec, renewTime: '2026-12-02T01:02:14.000100Z' },
    };
    const replaced = await sendRequest(server.url, 'PUT', `${collection}/my-controller`, renewed);
    expect(replaced.status).toBe(200);
    const replacedBody = replaced.body as LeaseBody;
    expect(replacedBody.spec['renewTime']).toBe('2026-12-02T01:02:14.000100Z');
    expect(replacedBody.spec['acquireTime']).toBe('2026-12-02T01:02:03.000001Z');
    expect(replacedBody.metadata.uid).toBe(createdBody.metadata.uid);
    expect(Number(replacedBody.metadata.resourceVersion)).toBeGreaterThan(
      Number(createdBody.metadata.resourceVersion),
    );
  });

  it('should answer a replace with a stale resourceVersion with 409 Conflict and a Status', async () => {
    const created = (await sendRequest(server.url, 'POST', collection, lease())).body as LeaseBody;
    const stale = created.metadata.resourceVersion;
    const first = await sendRequest(
      server.url,
      'PUT',
      `${collection}/my-controller`,
      lease(stale, 'replica-b'),
    );
    expect(first.status).toBe(200);

    const second = await sendRequest(
      server.url,
      'PUT',
      `${collection}/my-controller`,
      lease(stale, 'replica-c'),
    );
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on leases.coordination.k8s.io "my-controller": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'my-controller', group: 'coordination.k8s.io', kind: 'leases' },
      code: 409,
    });
    const holder = await sendRequest(server.url, 'GET', `${collection}/my-controller`);
    expect((holder.body as LeaseBody).spec['holderIdentity']).toBe('replica-b');
  });

  it('should list, watch and delete leases', async () => {
    const from = server.resourceVersion;
    const watch = await openWatchStream(
      server.url,
      `${collection}?watch=true&resourceVersion=${from}`,
    );
    const created = (await sendRequest(server.url, 'POST', collection, lease())).body as LeaseBody;
    await sendRequest(
      server.url,
      'PUT',
      `${collection}/my-controller`,
      lease(created.metadata.resourceVersion, 'replica-b'),
    );
    const list = await sendRequest(
      server.url,
      'GET',
      '/apis/coordination.k8s.io/v1/leases', // across namespaces
    );
    expect(list.body).toMatchObject({
      kind: 'LeaseList',
      apiVersion: 'coordination.k8s.io/v1',
      items: [{ metadata: { name: 'my-controller' }, spec: { holderIdentity: 'replica-b' } }],
    });
    const deleted = await sendRequest(server.url, 'DELETE', `${collection}/my-controller`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success' });
    const events = await watch.waitFor(3);
    watch.close();
    expect(events.map((event) => [event.type, event.object.kind])).toEqual([
      ['ADDED', 'Lease'],
      ['MODIFIED', 'Lease'],
      ['DELETED', 'Lease'],
    ]);
    const missing = await sendRequest(server.url, 'GET', `${collection}/my-controller`);
    expect(missing.status).toBe(404);
  });

  it('should let a Lease resource given in options replace the default one', async () => {
    const custom = await FakeApiServer.start({
      resources: [
        {
          group: 'coordination.k8s.io',
          version: 'v1',
          kind: 'Lease',
          plural: 'leases',
          namespaced: true,
        },
      ],
    });
    try {
      const resources = await sendRequest(custom.url, 'GET', '/apis/coordination.k8s.io/v1');
      const names = (resources.body as { resources: { name: string }[] }).resources.map(
        (resource) => resource.name,
      );
      expect(names).toEqual(['leases']);
      expect((await sendRequest(custom.url, 'POST', collection, lease())).status).toBe(201);
      // The option's definition won: it does not set deleteAnswer, so DELETE answers the object.
      const deleted = await sendRequest(custom.url, 'DELETE', `${collection}/my-controller`);
      expect(deleted.body).toMatchObject({ kind: 'Lease' });
    } finally {
      await custom.close();
    }
  });
});
