import { describe, it, expect } from 'vitest';
import { ApiStatusError } from '@kube-cache/indexer';
import { explainError } from './explain-error';
import { KubeIndexError } from './kube-index-error';

const context = { server: 'https://10.0.0.1:6443', contextName: 'prod' };

describe('explainError', () => {
  it('should say the cluster cannot be reached for a refused connection, even when wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    });
    for (const error of [
      refused,
      new Error('list failed', { cause: refused }),
      new AggregateError([refused]),
    ]) {
      expect(explainError(error, context).message).toBe(
        'kube-index: cannot reach the API server at https://10.0.0.1:6443 (context "prod"): connection refused (ECONNREFUSED).\nIs the cluster running, and is this the kubeconfig and context you meant? (kubectl config current-context)',
      );
    }
  });

  it('should name the missing RBAC verb and resource from a 403 Status', () => {
    const status = {
      kind: 'Status' as const,
      status: 'Failure' as const,
      message:
        'deployments.apps is forbidden: User "jane" cannot watch resource "deployments" in API group "apps" in the namespace "shop"',
      reason: 'Forbidden',
      details: { group: 'apps', kind: 'deployments' },
      code: 403,
    };
    const explained = explainError(ApiStatusError.fromStatus(status), context);
    expect(explained.message.split('\n')).toEqual([
      'kube-index: permission denied (403 Forbidden): missing RBAC permission to watch deployments in API group "apps" in the namespace "shop".',
      `The server said: ${status.message}`,
      'kube-index needs the verbs list and watch on deployments.apps; check with: kubectl auth can-i watch deployments.apps --namespace shop',
    ]);
    expect(explained.cause).toBeInstanceOf(ApiStatusError);
  });

  it('should fall back on the context for a 403 without the usual message', () => {
    const explained = explainError(
      new ApiStatusError(403, { status: { code: 403, reason: 'Forbidden', message: 'forbidden' } }),
      {
        ...context,
        resource: { plural: 'pods', group: '' },
        verb: 'list',
      },
    );
    expect(explained.message).toContain(
      'missing RBAC permission to list pods in API group "" at the cluster scope',
    );
    expect(explained.message).toContain('kubectl auth can-i list pods --all-namespaces');
  });

  it('should explain rejected credentials', () => {
    expect(explainError(new ApiStatusError(401), context).message).toContain(
      'rejected the credentials (401 Unauthorized)',
    );
  });

  it('should pass on what the server said for other answers', () => {
    const error = new ApiStatusError(500, {
      status: { code: 500, reason: 'InternalError', message: 'etcd is down' },
    });
    expect(explainError(error, context).message).toBe(
      'kube-index: the API server at https://10.0.0.1:6443 (context "prod") answered 500 InternalError: etcd is down',
    );
  });

  it('should explain client-node refusing plain http', () => {
    const error = new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    expect(
      explainError(error, { server: 'http://localhost:8080', contextName: 'local' }).message,
    ).toContain(
      'uses plain http, which @kubernetes/client-node only allows with `insecure-skip-tls-verify: true`',
    );
  });

  it('should return a KubeIndexError unchanged', () => {
    const error = new KubeIndexError('kube-index: no such resource');
    expect(explainError(error, context)).toBe(error);
  });
});
