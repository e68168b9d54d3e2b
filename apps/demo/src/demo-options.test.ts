import { describe, it, expect } from 'vitest';
import { DemoUsageError, parseDemoOptions } from './demo-options';

describe('parseDemoOptions', () => {
  it('should fill in the defaults', () => {
    expect(parseDemoOptions([])).toEqual({
      durationSeconds: 30,
      pods: 20_000,
      namespaces: 50,
      nodes: 500,
      churnRate: 100,
      faults: true,
      top: 8,
      json: false,
      kubeconfig: undefined,
      help: false,
    });
  });

  it('should read every option', () => {
    const options = parseDemoOptions([
      '--duration=6',
      '--pods',
      '2000',
      '--namespaces',
      '5',
      '--nodes',
      '40',
      '--churn-rate',
      '0',
      '--no-faults',
      '--top',
      '3',
      '--json',
      '--kubeconfig',
      '/tmp/config',
    ]);
    expect(options).toEqual({
      durationSeconds: 6,
      pods: 2000,
      namespaces: 5,
      nodes: 40,
      churnRate: 0,
      faults: false,
      top: 3,
      json: true,
      kubeconfig: '/tmp/config',
      help: false,
    });
  });

  it('should skip the -- that pnpm passes through', () => {
    expect(parseDemoOptions(['--', '--duration', '8', '--json'])).toMatchObject({
      durationSeconds: 8,
      json: true,
    });
  });

  it('should take the kubeconfig from KUBECONFIG when no option names one', () => {
    expect(parseDemoOptions([], { KUBECONFIG: '/home/me/.kube/config' }).kubeconfig).toBe(
      '/home/me/.kube/config',
    );
    expect(parseDemoOptions(['--kubeconfig', '/a'], { KUBECONFIG: '/b' }).kubeconfig).toBe('/a');
  });

  it('should keep to the embedded server with --embedded whatever KUBECONFIG says', () => {
    expect(
      parseDemoOptions(['--embedded'], { KUBECONFIG: '/home/me/.kube/config' }).kubeconfig,
    ).toBeUndefined();
    expect(() => parseDemoOptions(['--embedded', '--kubeconfig', '/a'])).toThrow(
      '--embedded and --kubeconfig exclude each other',
    );
  });

  it('should reject a value that is not a positive number', () => {
    expect(() => parseDemoOptions(['--pods', 'many'])).toThrow(
      "--pods needs an integer >= 0, got 'many'",
    );
    expect(() => parseDemoOptions(['--duration', '0'])).toThrow(DemoUsageError);
    expect(() => parseDemoOptions(['--nodes', '2.5'])).toThrow('--nodes needs an integer > 0');
  });

  it('should reject an unknown option with a DemoUsageError', () => {
    let caught: unknown;
    try {
      parseDemoOptions(['--podz', '3']);
    } catch (error) {
      caught = error;
    }
    expect(DemoUsageError.isInstance(caught)).toBe(true);
    expect(String(caught)).toContain('--podz');
  });
});
