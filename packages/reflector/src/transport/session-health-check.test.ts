import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.test-support';
import { SessionHealthCheck } from './session-health-check';

/** A session whose reads, PINGs and death the test controls. */
function fakeSession() {
  // With `autoAck`, every PING is answered at once (a healthy peer); else ACKs wait in `pings`.
  const state = { bytes: 0, pings: [] as (() => void)[], dead: 0, autoAck: false, acked: 0 };
  return {
    state,
    session: {
      bytesRead: () => state.bytes,
      ping: (onAck: () => void) => {
        if (state.autoAck) {
          state.acked += 1;
          onAck();
        } else state.pings.push(onAck);
      },
      dead: () => {
        state.dead += 1;
      },
    },
  };
}

function start(clock: ManualClock, session: ReturnType<typeof fakeSession>['session']) {
  return new SessionHealthCheck({
    clock,
    readIdleMilliseconds: 30_000,
    pingTimeoutMilliseconds: 15_000,
    session,
  });
}

describe('SessionHealthCheck', () => {
  it('should PING after 30 s without a read and declare the session dead 15 s later', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    start(clock, session);

    clock.advance(29_999);
    expect(state.pings).toHaveLength(0);
    clock.advance(1);
    expect(state.pings).toHaveLength(1);
    clock.advance(14_999);
    expect(state.dead).toBe(0);
    clock.advance(1);
    expect(state.dead).toBe(1);
    clock.advance(600_000);
    expect({ pings: state.pings.length, dead: state.dead }).toEqual({ pings: 1, dead: 1 });
  });

  it('should never PING a session that reads body chunks, however long', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    const check = start(clock, session);

    for (let second = 0; second < 600; second += 10) {
      clock.advance(10_000);
      state.bytes += 100;
      check.markRead();
    }

    expect({ pings: state.pings.length, dead: state.dead }).toEqual({ pings: 0, dead: 0 });
  });

  it('should PING at most read-idle after the last read, whatever frames came (property)', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              gap: fc.integer({ min: 1, max: 40_000 }),
              kind: fc.constantFrom('chunk', 'frame'),
            }),
            { maxLength: 40 },
          ),
          (reads) => {
            const clock = new ManualClock();
            const { state, session } = fakeSession();
            state.autoAck = true;
            const check = start(clock, session);
            let lastRead = clock.now();
            for (const read of reads) {
              const ackedBefore = state.acked;
              clock.advance(read.gap);
              // An ACK is a read too; the last one came at the latest at the end of the gap.
              if (state.acked > ackedBefore) lastRead = clock.now();
              state.bytes += 1;
              if (read.kind === 'chunk') check.markRead();
              lastRead = clock.now();
            }
            const deaths = (): number => state.dead;
            if (deaths() !== 0) return false;
            state.autoAck = false;
            const pingsBefore = check.pingsSent;
            // The stall: nothing is read from here on.
            clock.advance(lastRead + 30_000 - clock.now());
            const pinged = check.pingsSent > pingsBefore || check.pingOutstanding;
            clock.advance(15_000);
            return pinged && deaths() === 1;
          },
        ),
      ),
    ).not.toThrow();
  });

  it('should never PING while frames come that no stream saw, as long as each PING is ACKed', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    const check = start(clock, session);

    for (let second = 0; second < 600; second += 20) {
      clock.advance(20_000);
      state.bytes += 9;
      for (const ack of state.pings.splice(0)) ack();
    }

    expect(state.dead).toBe(0);
    expect(check.pingsSent).toBeLessThanOrEqual(20);
  });

  it('should keep a quiet healthy session: one PING per read-idle period, each ACKed', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    const check = start(clock, session);

    for (let step = 0; step < 20; step += 1) {
      clock.advance(30_000);
      expect(check.pingOutstanding).toBe(true);
      clock.advance(1_000);
      state.bytes += 17;
      state.pings.at(-1)?.();
      expect(check.pingOutstanding).toBe(false);
    }

    expect({ pings: check.pingsSent, dead: state.dead }).toEqual({ pings: 20, dead: 0 });
  });

  it('should measure read-idle from the last read, not from the previous check', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    const check = start(clock, session);

    clock.advance(20_000);
    check.markRead();
    clock.advance(29_999);
    expect(state.pings).toHaveLength(0);
    clock.advance(1);
    expect(state.pings).toHaveLength(1);
  });

  it('should stop all timers when stopped', () => {
    const clock = new ManualClock();
    const { state, session } = fakeSession();
    const check = start(clock, session);
    clock.advance(30_000);

    check.stop();
    clock.advance(60_000);

    expect({ dead: state.dead, timers: clock.pending }).toEqual({ dead: 0, timers: 0 });
  });
});
