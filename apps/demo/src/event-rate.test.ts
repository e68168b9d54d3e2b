import { describe, it, expect } from 'vitest';
import { EventRate } from './event-rate';

describe('EventRate', () => {
  it('should divide the events since the last sample by the time since it', () => {
    let now = 0;
    const rate = new EventRate(() => now);
    rate.record(50);
    now = 500;
    expect(rate.sample()).toBe(100);
    rate.record(10);
    now = 1_500;
    expect(rate.sample()).toBe(10);
  });

  it('should keep the last rate for samples too close together', () => {
    let now = 0;
    const rate = new EventRate(() => now);
    rate.record(20);
    now = 1_000;
    expect(rate.sample()).toBe(20);
    rate.record(1_000);
    now = 1_010;
    expect(rate.sample()).toBe(20);
  });
});
