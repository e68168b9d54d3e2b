import { describe, it, expect } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { parseResourceQuery, resolveResource } from './resolve-resource';

const documents: Record<string, unknown> = {
  '/api/v1': {
    resources: [
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get', 'list', 'watch'],
        shortNames: ['po'],
      },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
      {
        name: 'nodes',
        singularName: 'node',
        namespaced: false,
        kind: 'Node',
        verbs: ['list', 'watch'],
        shortNames: ['no'],
      },
      {
        name: 'bindings',
        singularName: 'binding',
        namespaced: true,
        kind: 'Binding',
        verbs: ['create'],
      },
    ],
  },
  '/apis': {
    groups: [
      { name: 'metrics.k8s.io', preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1' } },
      { name: 'apps', preferredVersion: { groupVersion: 'apps/v1' } },
      { name: 'cert-manager.io', preferredVersion: { groupVersion: 'cert-manager.io/v1' } },
    ],
  },
  '/apis/apps/v1': {
    resources: [
      {
        name: 'deployments',
        singularName: 'deployment',
        namespaced: true,
        kind: 'Deployment',
        verbs: ['list', 'watch'],
        shortNames: ['deploy'],
      },
    ],
  },
  '/apis/cert-manager.io/v1': {
    resources: [
      {
        name: 'certificates',
        singularName: 'certificate',
        namespaced: true,
        kind: 'Certificate',
        verbs: ['list', 'watch'],
        shortNames: ['cert'],
      },
    ],
  },
};

function fetchJson(path: string): Promise<unknown> {
  if (path === '/apis/metrics.k8s.io/v1beta1')
    return Promise.reject(new ApiStatusError(503, { message: 'service unavailable' }));
  const document = documents[path];
  return document === undefined
    ? Promise.reject(new ApiStatusError(404, { message: 'not found' }))
    : Promise.resolve(document);
}

describe('parseResourceQuery', () => {
  it('should read every form kubectl accepts', () => {
    expect(parseResourceQuery('pods')).toEqual({
      name: 'pods',
      group: undefined,
      version: undefined,
    });
    expect(parseResourceQuery('deployments.apps')).toEqual({
      name: 'deployments',
      group: 'apps',
      version: undefined,
    });
    expect(parseResourceQuery('deployments.v1.apps')).toEqual({
      name: 'deployments',
      group: 'apps',
      version: 'v1',
    });
    expect(parseResourceQuery('certificates.cert-manager.io')).toEqual({
      name: 'certificates',
      group: 'cert-manager.io',
      version: undefined,
    });
    expect(parseResourceQuery('apps/v1/deployments')).toEqual({
      name: 'deployments',
      group: 'apps',
      version: 'v1',
    });
    expect(parseResourceQuery('v1/pods')).toEqual({ name: 'pods', group: '', version: 'v1' });
  });

  it('should reject what it cannot read', () => {
    expect(() => parseResourceQuery('a/b/c/d')).toThrow(
      'expected NAME, NAME.GROUP or GROUP/VERSION/NAME',
    );
  });
});

describe('resolveResource', () => {
  it('should find core resources by plural, singular, kind and short name', async () => {
    const pods = { apiVersion: 'v1', plural: 'pods', kind: 'Pod', namespaced: true };
    for (const name of ['pods', 'pod', 'Pod', 'po', 'v1/pods'])
      await expect(resolveResource(name, fetchJson)).resolves.toEqual(pods);
  });

  it('should find grouped resources past a broken aggregated API', async () => {
    const deployments = {
      apiVersion: 'apps/v1',
      plural: 'deployments',
      kind: 'Deployment',
      namespaced: true,
    };
    for (const name of [
      'deploy',
      'deployments.apps',
      'deployments.v1.apps',
      'apps/v1/deployments',
    ]) {
      await expect(resolveResource(name, fetchJson)).resolves.toEqual(deployments);
    }
    await expect(resolveResource('cert', fetchJson)).resolves.toMatchObject({
      apiVersion: 'cert-manager.io/v1',
      plural: 'certificates',
    });
  });

  it('should name an unknown resource', async () => {
    await expect(resolveResource('podz', fetchJson)).rejects.toThrow(
      'the server has no resource type "podz"',
    );
    await expect(resolveResource('pods.apps', fetchJson)).rejects.toThrow(
      'the server has no resource type "pods.apps" in API group "apps"',
    );
    await expect(resolveResource('nope/v1/things', fetchJson)).rejects.toThrow(
      'no resource type "nope/v1/things"',
    );
  });

  it('should refuse a resource that cannot be listed and watched', async () => {
    await expect(resolveResource('bindings', fetchJson)).rejects.toThrow(
      'bindings (v1) cannot be listed and watched; its verbs are create',
    );
  });

  it('should pass on the error when the core group cannot be read', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    await expect(resolveResource('pods', () => Promise.reject(refused))).rejects.toBe(refused);
  });
});
