import type { Clock } from '@kube-cache/store-core';
import { setUnrefTimeout } from './unref-timer';

/**
 * What the health check needs from a session.
 *
 * @internal
 */
export interface HealthCheckedSession {
  /** Bytes read from the connection so far (any frame, any stream). */
  bytesRead(): number;
  /** Sends a PING; `onAck` runs when its ACK arrives. */
  ping(onAck: () => void): void;
  /** The PING went unanswered: destroy the session. */
  dead(): void;
}

/**
 * client-go's HTTP/2 health check (x/net `ReadIdleTimeout` + `PingTimeout`) for one session:
 * when nothing was read on the connection for `readIdleMilliseconds`, send a PING; when its ACK
 * does not come within `pingTimeoutMilliseconds`, the session is dead. Any bytes read, on any
 * stream, count, so a busy session is never pinged and a healthy quiet one is pinged once per
 * `readIdleMilliseconds`. Reads are learned two ways: {@link SessionHealthCheck.markRead} on
 * every body chunk and response (exact time), and the connection's byte counter when the timer
 * fires (for frames no stream sees: SETTINGS, WINDOW_UPDATE, the server's PINGs). Such a read is
 * dated at the earliest moment it can have happened (the previous sample), so the PING is never
 * later than client-go's: at most `readIdleMilliseconds` after the last read.
 *
 * @internal
 */
export class SessionHealthCheck {
  readonly #clock: Clock;
  readonly #readIdleMilliseconds: number;
  readonly #pingTimeoutMilliseconds: number;
  readonly #session: HealthCheckedSession;
  #lastReadAt: number;
  /** The byte counter at the last sample, and when that sample was taken. */
  #sampledBytes: number;
  #sampledAt: number;
  #idleTimer: unknown;
  #pingTimer: unknown;
  #pingsSent = 0;
  #stopped = false;

  /**
   * @param options - the clock, the two limits and the session.
   */
  constructor(options: {
    clock: Clock;
    readIdleMilliseconds: number;
    pingTimeoutMilliseconds: number;
    session: HealthCheckedSession;
  }) {
    this.#clock = options.clock;
    this.#readIdleMilliseconds = options.readIdleMilliseconds;
    this.#pingTimeoutMilliseconds = options.pingTimeoutMilliseconds;
    this.#session = options.session;
    this.#lastReadAt = this.#clock.now();
    this.#sampledAt = this.#lastReadAt;
    this.#sampledBytes = this.#session.bytesRead();
    this.#arm(this.#readIdleMilliseconds);
  }

  /** Whether a PING waits for its ACK. */
  get pingOutstanding(): boolean {
    return this.#pingTimer !== undefined;
  }

  /** PINGs sent so far. */
  get pingsSent(): number {
    return this.#pingsSent;
  }

  /** Something was read on the session just now. */
  markRead(): void {
    this.#lastReadAt = this.#clock.now();
    this.#sampledAt = this.#lastReadAt;
    this.#sampledBytes = this.#session.bytesRead();
  }

  /** Stops the timers (the session closed). */
  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  #arm(milliseconds: number): void {
    if (this.#stopped) return;
    this.#idleTimer = setUnrefTimeout(this.#clock, () => this.#check(), milliseconds);
  }

  #check(): void {
    this.#idleTimer = undefined;
    if (this.#stopped) return;
    const now = this.#clock.now();
    const bytes = this.#session.bytesRead();
    if (bytes !== this.#sampledBytes) {
      // Frames arrived that no stream reported, at some moment since the last sample: dating
      // them at that sample can only bring a PING forward (harmless), never delay it.
      this.#lastReadAt = Math.max(this.#lastReadAt, this.#sampledAt);
    }
    this.#sampledBytes = bytes;
    this.#sampledAt = now;
    const due = this.#lastReadAt + this.#readIdleMilliseconds;
    if (due > now) {
      this.#arm(due - now);
      return;
    }
    this.#sendPing();
  }

  #sendPing(): void {
    this.#pingsSent += 1;
    this.#pingTimer = setUnrefTimeout(
      this.#clock,
      () => {
        this.#pingTimer = undefined;
        if (this.#stopped) return;
        this.stop();
        this.#session.dead();
      },
      this.#pingTimeoutMilliseconds,
    );
    this.#session.ping(() => {
      if (this.#stopped || this.#pingTimer === undefined) return;
      this.#clock.clearTimeout(this.#pingTimer);
      this.#pingTimer = undefined;
      // The ACK is a frame read: the next PING comes one full read-idle period from now.
      this.markRead();
      this.#arm(this.#readIdleMilliseconds);
    });
  }

  #clear(): void {
    if (this.#idleTimer !== undefined) this.#clock.clearTimeout(this.#idleTimer);
    if (this.#pingTimer !== undefined) this.#clock.clearTimeout(this.#pingTimer);
    this.#idleTimer = undefined;
    this.#pingTimer = undefined;
  }
}
