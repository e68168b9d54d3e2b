import { describe, expect, it } from 'vitest';
import { compileIndexExpression } from './index-expression';
import { checkIndexExpression } from './index-expression-check';

const pods = [
  {
    key: 'shop/web-1',
    object: {
      metadata: { name: 'web-1', labels: { 'app.kubernetes.io/name': 'shop' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx' }] },
    },
  },
  { key: 'shop/web-2', object: { metadata: { name: 'web-2' }, spec: { nodeName: 'node-2' } } },
];

function check(text: string, objects = pods): ReturnType<typeof checkIndexExpression> {
  return checkIndexExpression(compileIndexExpression(text), text, objects, 'pods');
}

describe('checkIndexExpression', () => {
  it('should pass a path that found values', () => {
    expect(check('{.spec.nodeName}')).toEqual({});
    // Found in one object only: the other is on the <none> row, no warning.
    expect(check('{.spec.containers[*].image}')).toEqual({});
  });

  it('should refuse an object, naming its fields', () => {
    expect(check('spec')).toEqual({
      error:
        "kube-index: cannot index by 'spec': it selects an object in shop/web-1 (fields: nodeName, containers), not a value; index by a field inside it",
    });
  });

  it('should refuse a list of objects, pointing to [*].FIELD', () => {
    expect(check('{.spec.containers}').error).toBe(
      "kube-index: cannot index by '{.spec.containers}': it selects a list of objects in shop/web-1 (fields: name, image), not a value; index by a field of its elements (add [*].FIELD)",
    );
  });

  it('should warn when the path matched nothing in any object', () => {
    expect(check('spec.nope')).toEqual({
      warning:
        "kube-index: warning: 'spec.nope' matched nothing in any of the 2 pods, so all are under <none>",
    });
    expect(check('{.metadata.labels.app.kubernetes.io/name}').warning).toContain(
      "a key with dots is written with \\. or ['...']",
    );
    expect(check('label:missing').warning).toContain("'label:missing' matched nothing");
  });

  it('should say nothing when there are no objects', () => {
    expect(check('spec.nope', [])).toEqual({});
  });
});
