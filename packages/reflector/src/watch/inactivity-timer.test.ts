import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '@kube-cache/store-core';
import { InactivityTimer } from './inactivity-timer';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('InactivityTimer', () => {
  it('should expire once after the limit without activity, and not while touched', () => {
    const onExpire = vi.fn();
    const timer = new InactivityTimer(systemClock, 1_000, onExpire);
    for (let step = 0; step < 10; step += 1) {
      vi.advanceTimersByTime(900);
      timer.touch();
    }
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(999);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(timer.expired).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('should never expire while off, and count from the last activity when turned on', () => {
    const onExpire = vi.fn();
    const timer = new InactivityTimer(systemClock, undefined, onExpire);
    vi.advanceTimersByTime(600_000);
    expect(onExpire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    timer.touch();
    vi.advanceTimersByTime(100);
    timer.setLimit(1_000);
    vi.advanceTimersByTime(899);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('should expire at once when a shorter limit is already passed, and be off again on undefined', () => {
    const onExpire = vi.fn();
    const timer = new InactivityTimer(systemClock, 10_000, onExpire);
    vi.advanceTimersByTime(5_000);
    timer.setLimit(undefined);
    vi.advanceTimersByTime(60_000);
    expect(onExpire).not.toHaveBeenCalled();
    timer.setLimit(4_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('should do nothing after stop', () => {
    const onExpire = vi.fn();
    const timer = new InactivityTimer(systemClock, 1_000, onExpire);
    timer.stop();
    timer.setLimit(500);
    vi.advanceTimersByTime(5_000);
    expect(onExpire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
