import { describe, it, expect } from 'vitest';
import { LiveView } from './live-view';

function fakeTerminal(): { output: string[]; write(text: string): void; columns: number } {
  const output: string[] = [];
  return { output, write: (text: string) => void output.push(text), columns: 80 };
}

describe('LiveView', () => {
  it('should hide the cursor and write the first frame from where the cursor is', () => {
    const terminal = fakeTerminal();
    new LiveView(terminal).draw(['one', 'two']);
    expect(terminal.output).toEqual(['\u001b[?25lone\u001b[K\ntwo\u001b[K\n\u001b[0J']);
  });

  it('should move up over the previous frame before drawing the next', () => {
    const terminal = fakeTerminal();
    const view = new LiveView(terminal);
    view.draw(['one', 'two', 'three']);
    view.draw(['four']);
    expect(terminal.output[1]).toBe('\u001b[3Ffour\u001b[K\n\u001b[0J');
  });

  it('should show the cursor again when finished', () => {
    const terminal = fakeTerminal();
    const view = new LiveView(terminal);
    view.draw(['one']);
    view.finish();
    expect(terminal.output.at(-1)).toBe('\u001b[?25h');
  });
});
