import { describe, it, expect } from 'vitest';
import { buildKubeconfig } from './kubeconfig';

describe('buildKubeconfig', () => {
  it('should point one current context at the server with the token and the CA', () => {
    const config = buildKubeconfig({
      server: 'https://127.0.0.1:1234',
      certificateAuthorityPem: 'PEM',
      token: 'secret',
    });
    expect(config['current-context']).toBe('kube-cache-e2e');
    expect(config['clusters']).toEqual([
      {
        name: 'kube-cache-e2e',
        cluster: {
          server: 'https://127.0.0.1:1234',
          'certificate-authority-data': Buffer.from('PEM').toString('base64'),
        },
      },
    ]);
    expect(config['users']).toEqual([{ name: 'kube-cache-e2e', user: { token: 'secret' } }]);
    expect(config['contexts']).toEqual([
      {
        name: 'kube-cache-e2e',
        context: { cluster: 'kube-cache-e2e', user: 'kube-cache-e2e', namespace: 'default' },
      },
    ]);
  });

  it('should use the given names and namespace', () => {
    const config = buildKubeconfig({
      server: 'https://127.0.0.1:1',
      certificateAuthorityPem: 'x',
      token: 't',
      name: 'viewer',
      namespace: 'team-a',
    });
    expect(config['current-context']).toBe('viewer');
    expect(config['contexts']).toEqual([
      { name: 'viewer', context: { cluster: 'viewer', user: 'viewer', namespace: 'team-a' } },
    ]);
  });
});
