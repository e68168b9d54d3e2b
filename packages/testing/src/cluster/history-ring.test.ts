import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryRing } from './history-ring';

describe('HistoryRing', () => {
  describe('push', () => {
    it('should drop the oldest items past the limit and report them', () => {
      const ring = new HistoryRing<{ resourceVersion: number }>(2);
      expect(ring.push({ resourceVersion: 1 })).toEqual([]);
      expect(ring.push({ resourceVersion: 2 })).toEqual([]);
      expect(ring.push({ resourceVersion: 3 })).toEqual([{ resourceVersion: 1 }]);
      expect(ring.size).toBe(2);
    });
  });

  describe('after', () => {
    it('should return exactly the retained items newer than a resourceVersion, for any history', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 50 }),
          fc.integer({ min: 0, max: 3000 }),
          fc.integer({ min: 0, max: 3100 }),
          (limit, count, from) => {
            const ring = new HistoryRing<{ resourceVersion: number }>(limit);
            for (let resourceVersion = 1; resourceVersion <= count; resourceVersion += 1)
              ring.push({ resourceVersion });
            const oldestRetained = Math.max(1, count - limit + 1);
            const expected: number[] = [];
            for (
              let resourceVersion = Math.max(from + 1, oldestRetained);
              resourceVersion <= count;
              resourceVersion += 1
            )
              expected.push(resourceVersion);
            expect(ring.after(from).map((item) => item.resourceVersion)).toEqual(expected);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('should return nothing after clear', () => {
      const ring = new HistoryRing<{ resourceVersion: number }>(10);
      ring.push({ resourceVersion: 1 });
      ring.clear();
      expect(ring.after(0)).toEqual([]);
    });
  });
});
