import { describe, it, expect } from 'vitest';
import { kubeApiserverArgs, parseKubernetesVersion } from './kube-apiserver-args';

const files = {
  etcdUrl: 'http://127.0.0.1:2379',
  securePort: 6443,
  tlsCertFile: '/t/serving.crt',
  tlsKeyFile: '/t/serving.key',
  serviceAccountPublicKeyFile: '/t/sa.pub',
  serviceAccountPrivateKeyFile: '/t/sa.key',
  tokenAuthFile: '/t/tokens.csv',
  certDir: '/t/certs',
  authorizationMode: 'RBAC',
} as const;

describe('parseKubernetesVersion', () => {
  it('should read the version printed by kube-apiserver --version', () => {
    expect(parseKubernetesVersion('Kubernetes v1.20.2\n')).toEqual({
      major: 1,
      minor: 20,
      patch: 2,
    });
  });

  it('should return undefined when no version is printed', () => {
    expect(parseKubernetesVersion('command not found')).toBeUndefined();
  });
});

describe('kubeApiserverArgs', () => {
  it('should bind to loopback, use the token file and switch the insecure port off on 1.20', () => {
    const args = kubeApiserverArgs({ ...files, version: { major: 1, minor: 20, patch: 2 } });
    expect(args).toContain('--bind-address=127.0.0.1');
    expect(args).toContain('--secure-port=6443');
    expect(args).toContain('--token-auth-file=/t/tokens.csv');
    expect(args).toContain('--authorization-mode=RBAC');
    expect(args).toContain('--etcd-compaction-interval=0');
    expect(args).toContain('--insecure-port=0');
  });

  it('should not pass the removed insecure-port flag to 1.24 and later', () => {
    const args = kubeApiserverArgs({ ...files, version: { major: 1, minor: 31, patch: 0 } });
    expect(args.some((arg) => arg.startsWith('--insecure-port'))).toBe(false);
  });

  it('should append extra flags last', () => {
    const args = kubeApiserverArgs({
      ...files,
      version: { major: 1, minor: 20, patch: 2 },
      extraArgs: ['--v=4'],
    });
    expect(args.at(-1)).toBe('--v=4');
  });
});
