import { describe, it, expect } from 'vitest';
import { KubeIndexError } from './kube-index-error';
import { parseKubeIndexOptions } from './kube-index-options';

function usageMessage(argv: string[]): string {
  try {
    parseKubeIndexOptions(argv);
  } catch (error) {
    if (KubeIndexError.isInstance(error)) return `${error.exitCode}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('parseKubeIndexOptions', () => {
  it('should read the resource, the expression and the defaults', () => {
    expect(parseKubeIndexOptions(['pods', '--index-by', 'spec.nodeName'])).toEqual({
      resource: 'pods',
      indexBy: 'spec.nodeName',
      namespace: undefined,
      selector: undefined,
      watch: false,
      output: 'table',
      kubeconfig: undefined,
      context: undefined,
      maxKeys: 5,
    });
  });

  it('should read the short options', () => {
    expect(
      parseKubeIndexOptions([
        'deployments.apps',
        '--index-by=label:team',
        '-n',
        'prod',
        '-l',
        'tier=web',
        '-w',
        '-o',
        'json',
      ]),
    ).toMatchObject({
      resource: 'deployments.apps',
      indexBy: 'label:team',
      namespace: 'prod',
      selector: 'tier=web',
      watch: true,
      output: 'json',
    });
  });

  it('should answer help', () => {
    expect(parseKubeIndexOptions(['--help'])).toBe('help');
  });

  it('should explain missing or bad arguments with exit code 2', () => {
    expect(usageMessage(['--index-by', 'x'])).toBe(
      '2: kube-index: name a RESOURCE to index, for example pods (see kube-index --help)',
    );
    expect(usageMessage(['pods'])).toBe(
      '2: kube-index: --index-by EXPR is required, for example --index-by spec.nodeName (see kube-index --help)',
    );
    expect(usageMessage(['pods', '--index-by', 'x', '-o', 'yaml'])).toBe(
      "2: kube-index: --output is table or json, got 'yaml' (see kube-index --help)",
    );
    expect(usageMessage(['pods', 'nodes', '--index-by', 'x'])).toBe(
      '2: kube-index: one RESOURCE only, got pods nodes (see kube-index --help)',
    );
    expect(usageMessage(['pods', '--index-by', 'x', '--bogus'])).toBe(
      "2: kube-index: Unknown option '--bogus' (see kube-index --help)",
    );
  });

  it('should print one line that points to --help, not the whole usage', () => {
    for (const argv of [['pods'], ['pods', '--index-by', 'x', '--bogus'], ['pods', '--index-by']]) {
      let message = '';
      try {
        parseKubeIndexOptions(argv);
      } catch (error) {
        if (KubeIndexError.isInstance(error)) message = error.message;
      }
      expect(message).toMatch(/^kube-index: [^\n]+ \(see kube-index --help\)$/);
    }
  });
});
