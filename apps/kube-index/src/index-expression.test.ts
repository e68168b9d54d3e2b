import { describe, it, expect } from 'vitest';
import { compileIndexExpression } from './index-expression';

const pod = {
  metadata: {
    name: 'web-1',
    labels: { app: 'web', 'app.kubernetes.io/name': 'shop' },
    annotations: { 'example.com/owner': 'team-a' },
  },
  spec: {
    nodeName: 'node-3',
    priority: 5,
    hostNetwork: false,
    containers: [{ image: 'nginx:1.27' }, { image: 'envoy:1.30' }, { image: 'nginx:1.27' }],
  },
};

describe('compileIndexExpression', () => {
  it('should read a field path', () => {
    expect(compileIndexExpression('spec.nodeName').values(pod)).toEqual(['node-3']);
    expect(compileIndexExpression('{.spec.nodeName}').values(pod)).toEqual(['node-3']);
    expect(compileIndexExpression('spec.nodeName').description).toBe('field spec.nodeName');
  });

  it('should turn numbers and booleans into text', () => {
    expect(compileIndexExpression('spec.priority').values(pod)).toEqual(['5']);
    expect(compileIndexExpression('spec.hostNetwork').values(pod)).toEqual(['false']);
  });

  it('should walk lists and keep each value once', () => {
    expect(compileIndexExpression('spec.containers.image').values(pod)).toEqual([
      'nginx:1.27',
      'envoy:1.30',
    ]);
  });

  it('should pick one element of a list by its index', () => {
    expect(compileIndexExpression('spec.containers.1.image').values(pod)).toEqual(['envoy:1.30']);
  });

  it('should read labels whose keys contain dots and slashes', () => {
    expect(compileIndexExpression('metadata.labels.app.kubernetes.io/name').values(pod)).toEqual([
      'shop',
    ]);
    expect(compileIndexExpression('label:app').values(pod)).toEqual(['web']);
    expect(compileIndexExpression('label:app').description).toBe('label app');
  });

  it('should read annotations', () => {
    expect(compileIndexExpression('metadata.annotations.example.com/owner').values(pod)).toEqual([
      'team-a',
    ]);
    expect(compileIndexExpression('annotation:example.com/owner').values(pod)).toEqual(['team-a']);
  });

  it('should give no values for missing fields, objects and non-objects', () => {
    expect(compileIndexExpression('spec.missing').values(pod)).toEqual([]);
    expect(compileIndexExpression('spec').values(pod)).toEqual([]);
    expect(compileIndexExpression('label:missing').values(pod)).toEqual([]);
    expect(compileIndexExpression('spec.nodeName').values(null)).toEqual([]);
  });

  it("should accept kubectl's JSONPath forms", () => {
    expect(compileIndexExpression('{.spec.containers[*].image}').values(pod)).toEqual([
      'nginx:1.27',
      'envoy:1.30',
    ]);
    expect(compileIndexExpression('{.spec.containers[*].image}').description).toBe(
      'field spec.containers[*].image',
    );
    expect(compileIndexExpression('{.spec.containers[-1].image}').values(pod)).toEqual([
      'nginx:1.27',
    ]);
    expect(compileIndexExpression('.spec.nodeName').values(pod)).toEqual(['node-3']);
    expect(compileIndexExpression('{.metadata.labels.app}').values(pod)).toEqual(['web']);
    expect(compileIndexExpression('{.metadata.labels.app}').description).toBe(
      'field metadata.labels.app',
    );
    expect(
      compileIndexExpression("{.metadata.labels['app.kubernetes.io/name']}").values(pod),
    ).toEqual(['shop']);
    expect(
      compileIndexExpression('{.metadata.labels.app\\.kubernetes\\.io/name}').values(pod),
    ).toEqual(['shop']);
  });

  it('should say what a path selects, for the checks after the sync', () => {
    expect(compileIndexExpression('spec').inspect(pod)).toEqual({
      matched: true,
      nonValue: pod.spec,
    });
    expect(compileIndexExpression('spec.containers').inspect(pod)).toEqual({
      matched: true,
      nonValue: pod.spec.containers,
    });
    expect(compileIndexExpression('{.spec.nope}').inspect(pod)).toEqual({
      matched: false,
      nonValue: undefined,
    });
    expect(compileIndexExpression('spec.nodeName').inspect(pod)).toEqual({
      matched: true,
      nonValue: undefined,
    });
    expect(compileIndexExpression('label:app').inspect(pod)).toEqual({
      matched: true,
      nonValue: undefined,
    });
  });

  it('should reject empty keys and paths that do not parse, in one line', () => {
    expect(() => compileIndexExpression('label:')).toThrow(
      "kube-index: cannot index by 'label:': expected a label key, for example label:app",
    );
    expect(() => compileIndexExpression('spec..nodeName')).toThrow(
      "kube-index: cannot index by 'spec..nodeName': recursive descent (..) is not supported",
    );
    let caught: unknown;
    try {
      compileIndexExpression('{.spec.nodeName');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      name: 'KubeIndexError',
      exitCode: 2,
      message: "kube-index: cannot index by '{.spec.nodeName': unclosed '{': add '}' at the end",
    });
  });
});
