import { describe, expect, it } from 'vitest';
import { FaultPlan } from './fault-plan';

describe('FaultPlan', () => {
  it('should answer matching calls in plan order, each plan its count of times', () => {
    const plan = new FaultPlan<string>();
    plan.plan({ method: 'list', count: 2 }, 'first');
    plan.plan({ method: 'LIST' }, 'second');
    plan.plan({ path: /^\/api\/v1\/pods/ }, 'pods');
    expect(plan.take('watch', '')).toBeUndefined();
    expect(['list', 'list', 'list', 'list'].map((method) => plan.take(method, ''))).toEqual([
      'first',
      'first',
      'second',
      undefined,
    ]);
    expect(plan.take('GET', '/api/v1/configmaps')).toBeUndefined();
    expect(plan.take('GET', '/api/v1/pods')).toBe('pods');
    expect(plan.take('GET', '/api/v1/pods')).toBeUndefined();
  });

  it('should forget every plan on clear', () => {
    const plan = new FaultPlan<string>();
    plan.plan({ path: '/x', count: 3 }, 'x');
    plan.clear();
    expect(plan.take('GET', '/x')).toBeUndefined();
  });
});
