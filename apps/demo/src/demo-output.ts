import { ansi } from './ansi';
import type { DemoSnapshot } from './demo-snapshot';
import { jsonLine, statusRecord } from './json-lines';
import type { DemoRecord } from './json-lines';
import { LiveView } from './live-view';
import type { TerminalLike } from './live-view';
import { renderFrame } from './render-frame';

/**
 * Where the demo reports: the live terminal view, or JSON lines.
 */
export interface DemoOutput {
  /** A discrete happening (start, sync progress, a fault, the verification). */
  record(record: DemoRecord): void;
  /** The periodic picture of the whole state. */
  frame(snapshot: DemoSnapshot): void;
  /** Ends the output with the verification line. */
  finish(message: string, success: boolean): void;
}

/**
 * JSON lines: every record as is, and every frame as a `status` record.
 */
export class JsonOutput implements DemoOutput {
  readonly #stream: TerminalLike;

  /**
   * @param stream - where the lines go.
   */
  constructor(stream: TerminalLike) {
    this.#stream = stream;
  }

  /** @param record - written as one line. */
  record(record: DemoRecord): void {
    this.#stream.write(jsonLine(record));
  }

  /** @param snapshot - written as a `status` line (only once synced, so lines stay meaningful). */
  frame(snapshot: DemoSnapshot): void {
    if (snapshot.phase !== 'syncing') this.#stream.write(jsonLine(statusRecord(snapshot)));
  }

  /** The verification record already carries the message: nothing more to write. */
  finish(): void {}
}

/**
 * The live view: frames redrawn in place; records only shown through the frames.
 */
export class LiveOutput implements DemoOutput {
  readonly #view: LiveView;
  readonly #terminal: TerminalLike;

  /**
   * @param terminal - a TTY stream.
   */
  constructor(terminal: TerminalLike) {
    this.#terminal = terminal;
    this.#view = new LiveView(terminal);
  }

  /** Records show up in the next frame. */
  record(): void {}

  /** @param snapshot - drawn over the previous frame. */
  frame(snapshot: DemoSnapshot): void {
    this.#view.draw(renderFrame(snapshot, { columns: this.#view.columns, color: true }));
  }

  /**
   * @param message - the verification line.
   * @param success - green or red.
   */
  finish(message: string, success: boolean): void {
    this.#view.finish();
    this.#terminal.write(`\n${success ? ansi.green(message) : ansi.red(message)}\n`);
  }
}
