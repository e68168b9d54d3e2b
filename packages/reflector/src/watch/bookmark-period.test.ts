import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookmarkPeriod } from './bookmark-period';

describe('BookmarkPeriod', () => {
  it('should know no period before two intervals, then max(90 s, 2.5 periods) under the fixed limit', () => {
    const period = new BookmarkPeriod();
    period.watchStarted();
    period.observe(0);
    period.observe(60_000);
    expect(period.limit(300_000)).toBeUndefined();
    period.observe(120_000);
    expect(period.periodMilliseconds).toBe(60_000);
    expect(period.limit(300_000)).toBe(150_000);
    expect(period.limit(100_000)).toBe(100_000);
  });

  it('should not go below 90 s for frequent bookmarks', () => {
    const period = new BookmarkPeriod();
    for (const time of [0, 10_000, 20_000, 30_000]) period.observe(time);
    expect(period.limit(300_000)).toBe(90_000);
  });

  it('should not count the gap between two watches as an interval, but keep what it learned', () => {
    const period = new BookmarkPeriod();
    period.watchStarted();
    period.observe(0);
    period.observe(60_000);
    period.watchStarted();
    period.observe(400_000);
    expect(period.limit(300_000)).toBeUndefined();
    period.observe(460_000);
    expect(period.limit(300_000)).toBe(150_000);
    period.watchStarted();
    expect(period.limit(300_000)).toBe(150_000);
  });

  it('should follow the longest recent interval and forget on request', () => {
    const period = new BookmarkPeriod();
    for (const time of [0, 60_000, 120_000, 200_000]) period.observe(time);
    expect(period.periodMilliseconds).toBe(80_000);
    expect(period.limit(300_000)).toBe(200_000);
    period.forget();
    expect(period.limit(300_000)).toBeUndefined();
  });

  it('should never give a limit above the fixed one or below 90 s (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (gaps, fixed) => {
          const period = new BookmarkPeriod();
          let time = 0;
          period.observe(time);
          for (const gap of gaps) {
            time += gap;
            period.observe(time);
          }
          const limit = period.limit(fixed);
          if (gaps.length < 2) expect(limit).toBeUndefined();
          else {
            expect(limit).toBeLessThanOrEqual(fixed);
            expect(limit).toBeGreaterThanOrEqual(Math.min(fixed, 90_000));
            expect(limit).toBeGreaterThanOrEqual(
              Math.min(fixed, 2.5 * Math.max(...gaps.slice(-5))),
            );
          }
        },
      ),
    );
  });
});
