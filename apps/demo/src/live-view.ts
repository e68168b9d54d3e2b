import { ansi } from './ansi';

/**
 * Where the live view writes: a terminal stream (`process.stdout`) or a fake of one.
 */
export interface TerminalLike {
  write(text: string): unknown;
  columns?: number | undefined;
}

/**
 * Draws frames in place: each frame moves the cursor back over the previous one and overwrites
 * it, so the terminal shows one updating screen instead of a scrolling log.
 *
 * @example
 * ```ts
 * const view = new LiveView(process.stdout);
 * view.draw(['hello', 'world']);
 * view.draw(['hello', 'again']);
 * view.finish();
 * ```
 */
export class LiveView {
  readonly #terminal: TerminalLike;
  #previousLines = 0;
  #started = false;

  /**
   * @param terminal - the stream to draw on.
   */
  constructor(terminal: TerminalLike) {
    this.#terminal = terminal;
  }

  /** The terminal's width, or 100 when it does not say (a pseudo-terminal may report 0). */
  get columns(): number {
    const columns = this.#terminal.columns ?? 0;
    return columns > 0 ? columns : 100;
  }

  /**
   * Replaces the previous frame with `lines`.
   *
   * @param lines - the frame, without trailing newlines.
   */
  draw(lines: readonly string[]): void {
    let output = this.#started ? ansi.up(this.#previousLines) : ansi.hideCursor;
    this.#started = true;
    // Clearing each line as it is written, then below the frame, avoids flicker from a full clear.
    output += lines.map((line) => `${line}\u001b[K\n`).join('') + ansi.clearDown;
    this.#terminal.write(output);
    this.#previousLines = lines.length;
  }

  /**
   * Leaves the last frame on screen and shows the cursor again; later output goes below it.
   */
  finish(): void {
    if (this.#started) this.#terminal.write(ansi.showCursor);
    this.#started = false;
    this.#previousLines = 0;
  }
}
