import { describe, expect, it } from 'vitest';
import { InvalidInformerOptionsError } from '../errors/invalid-informer-options-error';
import { ProcessorListener } from '../handlers/processor-listener';
import { SharedProcessor } from '../handlers/shared-processor';
import { ResyncSchedule } from './resync-schedule';

function listenerWith(
  schedule: ResyncSchedule<object>,
  requested: number,
): ProcessorListener<object> {
  return new ProcessorListener<object>({
    handler: {},
    name: `handler-${requested}`,
    informerName: 'test',
    requestedResyncPeriod: requested,
    resyncPeriod: schedule.effectivePeriod(requested),
    now: 0,
    upstreamHasSynced: () => true,
    onError: () => undefined,
    metrics: undefined,
  });
}

describe('ResyncSchedule', () => {
  it('should give a handler without a period the informer period and keep the check period', () => {
    const schedule = new ResyncSchedule(new SharedProcessor<object>(), 30_000);
    expect(schedule.handlerPeriod(undefined, false)).toBe(30_000);
    expect(schedule.checkPeriod).toBe(30_000);
  });

  it('should raise a period below 1 s to 1 s and leave 0 (no resync) alone', () => {
    const schedule = new ResyncSchedule(new SharedProcessor<object>(), 0);
    expect(schedule.handlerPeriod(10, false)).toBe(1000);
    expect(schedule.handlerPeriod(0, false)).toBe(0);
    expect(schedule.checkPeriod).toBe(0);
  });

  it('should lower the check period before start; a registered longer period stays as it was', () => {
    const processor = new SharedProcessor<object>();
    const schedule = new ResyncSchedule(processor, 60_000);
    const slow = listenerWith(schedule, schedule.handlerPeriod(90_000, false));
    processor.addListener(slow);
    const fast = schedule.handlerPeriod(5000, false);
    expect(fast).toBe(5000);
    expect(schedule.checkPeriod).toBe(5000);
    expect(schedule.effectivePeriod(fast)).toBe(5000);
    expect(slow.resyncPeriod).toBe(90_000);
  });

  it('should raise a shorter period to the check period once started', () => {
    const schedule = new ResyncSchedule(new SharedProcessor<object>(), 60_000);
    expect(schedule.handlerPeriod(5000, true)).toBe(60_000);
    expect(schedule.checkPeriod).toBe(60_000);
  });

  it('should make every period 0 while the informer does not resync', () => {
    const schedule = new ResyncSchedule(new SharedProcessor<object>(), 0);
    expect(schedule.effectivePeriod(schedule.handlerPeriod(5000, false))).toBe(0);
  });

  it('should reject a negative or non-finite period and change nothing', () => {
    const schedule = new ResyncSchedule(new SharedProcessor<object>(), 60_000);
    expect(() => schedule.handlerPeriod(-1, false)).toThrow(InvalidInformerOptionsError);
    expect(() => schedule.handlerPeriod(Number.NaN, false)).toThrow(InvalidInformerOptionsError);
    expect(schedule.checkPeriod).toBe(60_000);
  });
});
