import { afterEach, describe, it, expect, vi } from 'vitest';
import { abortableDelay, waitFor } from './abortable-delay';

afterEach(() => {
  vi.useRealTimers();
});

describe('abortableDelay', () => {
  it('should resolve when the time is up', async () => {
    vi.useFakeTimers();
    let done = false;
    void abortableDelay(1_000, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('should resolve early when the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    void abortableDelay(60_000, controller.signal).then(() => (done = true));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('waitFor', () => {
  it('should resolve true once the condition holds', async () => {
    vi.useFakeTimers();
    let ready = false;
    const result = waitFor(() => ready, new AbortController().signal, 50);
    await vi.advanceTimersByTimeAsync(200);
    ready = true;
    await vi.advanceTimersByTimeAsync(50);
    await expect(result).resolves.toBe(true);
  });

  it('should resolve false when aborted first', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const result = waitFor(() => false, controller.signal, 50);
    controller.abort();
    await vi.advanceTimersByTimeAsync(50);
    await expect(result).resolves.toBe(false);
  });
});
