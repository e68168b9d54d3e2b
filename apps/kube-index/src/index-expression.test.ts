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

  it('should reject empty keys and paths', () => {
    expect(() => compileIndexExpression('label:')).toThrow(
      "cannot index by 'label:': expected a label key",
    );
    expect(() => compileIndexExpression('spec..nodeName')).toThrow('expected a field path');
  });
});
