import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResourceVersionTracker } from './resource-version-tracker';

describe('ResourceVersionTracker', () => {
  it('should relist from "0" at first, then from the last version, and from "" once it is unavailable', () => {
    const tracker = new ResourceVersionTracker(undefined);
    expect(tracker.relistResourceVersion()).toBe('0');
    expect(tracker.watchListResourceVersion()).toBe('');
    tracker.record('10');
    expect(tracker.lastSynced).toBe('10');
    expect(tracker.relistResourceVersion()).toBe('10');
    tracker.markUnavailable();
    expect(tracker.relistResourceVersion()).toBe('');
    expect(tracker.watchListResourceVersion()).toBe('');
    expect(tracker.lastSynced).toBe('10');
    tracker.listSucceeded(false);
    expect(tracker.relistResourceVersion()).toBe('10');
    expect(tracker.watchListResourceVersion()).toBe('10');
  });

  it('should page only where client-go pages', () => {
    const tracker = new ResourceVersionTracker(undefined);
    expect(tracker.listOptions('0')).toEqual({ resourceVersion: '0', limit: 500 });
    expect(tracker.listOptions('')).toEqual({ resourceVersion: '', limit: 500 });
    // An exact-version read is answered from the watch cache whole: no limit.
    expect(tracker.listOptions('10')).toEqual({ resourceVersion: '10' });
    // Once the server paged an answer to "0" (no watch cache), every list pages, "not older than".
    tracker.listSucceeded(true);
    expect(tracker.listOptions('10')).toEqual({
      resourceVersion: '10',
      limit: 500,
      resourceVersionMatch: 'NotOlderThan',
    });
    const explicit = new ResourceVersionTracker(7);
    expect(explicit.listOptions('10')).toEqual({
      resourceVersion: '10',
      limit: 7,
      resourceVersionMatch: 'NotOlderThan',
    });
  });

  it('should never ask for an unavailable version, whatever happened before', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('record' as const), version: fc.integer({ min: 1, max: 99 }) }),
      fc.record({ op: fc.constant('unavailable' as const) }),
      fc.record({ op: fc.constant('listed' as const), paged: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const tracker = new ResourceVersionTracker(undefined);
        let unavailable = false;
        let last = '';
        for (const current of steps) {
          if (current.op === 'record') {
            last = String(current.version);
            tracker.record(last);
          } else if (current.op === 'unavailable') {
            unavailable = true;
            tracker.markUnavailable();
          } else {
            unavailable = false;
            tracker.listSucceeded(current.paged);
          }
        }
        const expected = unavailable ? '' : last === '' ? '0' : last;
        expect(tracker.relistResourceVersion()).toBe(expected);
        expect(tracker.watchListResourceVersion()).toBe(unavailable ? '' : last);
      }),
    );
  });
});
