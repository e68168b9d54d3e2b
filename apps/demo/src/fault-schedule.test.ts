import { afterEach, describe, it, expect, vi } from 'vitest';
import { FaultSchedule, planFaults } from './fault-schedule';
import type { FaultName, FaultTarget } from './fault-schedule';

afterEach(() => {
  vi.useRealTimers();
});

function recordingTarget(log: string[]): FaultTarget {
  const inject = (name: FaultName) => () => {
    log.push(name);
    return Promise.resolve();
  };
  return {
    'watch-drop': inject('watch-drop'),
    compaction: inject('compaction'),
    'malformed-line': inject('malformed-line'),
    'server-restart': vi.fn(() => Promise.reject(new Error('port taken'))),
  };
}

describe('planFaults', () => {
  it('should plan every fault once within the first 70 % of the run', () => {
    const plan = planFaults(10);
    expect(plan.map((fault) => [fault.atSeconds, fault.fault])).toEqual([
      [1.5, 'watch-drop'],
      [3.5, 'compaction'],
      [5.5, 'malformed-line'],
      [7, 'server-restart'],
    ]);
  });
});

describe('FaultSchedule', () => {
  it('should inject the faults in order at their times and report each, failures included', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const reported: [string, unknown][] = [];
    const schedule = new FaultSchedule(planFaults(10), recordingTarget(log), (fault, error) =>
      reported.push([fault.fault, error instanceof Error ? error.message : error]),
    );
    schedule.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(log).toEqual(['watch-drop', 'compaction']);
    await vi.advanceTimersByTimeAsync(4_000);
    await schedule.stop();
    expect(reported).toEqual([
      ['watch-drop', undefined],
      ['compaction', undefined],
      ['malformed-line', undefined],
      ['server-restart', 'port taken'],
    ]);
  });

  it('should inject nothing more after stop', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const schedule = new FaultSchedule(planFaults(10), recordingTarget(log), () => undefined);
    schedule.start();
    await vi.advanceTimersByTimeAsync(2_000);
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toEqual(['watch-drop']);
  });
});
