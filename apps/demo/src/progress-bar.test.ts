import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { progressBar } from './progress-bar';

describe('progressBar', () => {
  it('should fill half the bar at half way', () => {
    expect(progressBar(5, 10, 10)).toBe('[█████░░░░░]  50%');
  });

  it('should show a full bar when done exceeds the total', () => {
    expect(progressBar(12, 10, 4)).toBe('[████] 100%');
  });

  it('should show a question mark when the total is unknown', () => {
    expect(progressBar(3, undefined, 4)).toBe('[░░░░]    ?');
  });

  it('should always have the same width for any progress', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 60 }),
        (done, total, width) => {
          expect(progressBar(done, total, width)).toHaveLength(width + 7);
        },
      ),
    );
  });
});
