import { describe, expect, it } from 'vitest';
import { parseReplicatorOptions } from './replicator-options';
import { ReplicatorUsageError } from './replicator-usage-error';

describe('parseReplicatorOptions', () => {
  it('should have the documented defaults', () => {
    expect(parseReplicatorOptions([])).toEqual({
      kubeconfig: undefined,
      context: undefined,
      workers: 2,
      dryRun: false,
      demo: false,
      leaderElect: false,
      lease: { namespace: 'default', name: 'kube-cache-replicator' },
      identity: undefined,
      help: false,
    });
  });

  it('should read every option', () => {
    const options = parseReplicatorOptions([
      '--kubeconfig',
      '/tmp/config',
      '--context=prod',
      '--workers',
      '8',
      '--dry-run',
      '--leader-elect',
      '--leader-elect-lease',
      'ops/replicator',
      '--identity',
      'pod-1',
    ]);
    expect(options).toMatchObject({
      kubeconfig: '/tmp/config',
      context: 'prod',
      workers: 8,
      dryRun: true,
      leaderElect: true,
      lease: { namespace: 'ops', name: 'replicator' },
      identity: 'pod-1',
    });
  });

  it.each([
    [['--workers', '0']],
    [['--workers', 'many']],
    [['--workers', '2.5']],
    [['--leader-elect-lease', 'no-namespace']],
    [['--leader-elect-lease', 'a/b/c']],
    [['--unknown']],
    [['positional']],
    [['--demo', '--kubeconfig', '/tmp/config']],
  ])('should refuse %j with a usage error', (argv) => {
    expect(() => parseReplicatorOptions(argv)).toThrow(ReplicatorUsageError);
  });
});
