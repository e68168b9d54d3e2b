import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('should repeat the same sequence for the same seed and differ for another', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const sequence = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => second())).toEqual(sequence);
    const other = seededRandom(43);
    expect(Array.from({ length: 5 }, () => other())).not.toEqual(sequence);
  });

  it('should return numbers in [0, 1)', () => {
    const random = seededRandom(7);
    for (let draw = 0; draw < 1000; draw += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
