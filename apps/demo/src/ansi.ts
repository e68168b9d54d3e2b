/**
 * The few ANSI escape sequences the live view uses; plain strings so nothing extra is installed.
 */
export const ansi = {
  bold: (text: string): string => `\u001b[1m${text}\u001b[22m`,
  dim: (text: string): string => `\u001b[2m${text}\u001b[22m`,
  green: (text: string): string => `\u001b[32m${text}\u001b[39m`,
  yellow: (text: string): string => `\u001b[33m${text}\u001b[39m`,
  red: (text: string): string => `\u001b[31m${text}\u001b[39m`,
  cyan: (text: string): string => `\u001b[36m${text}\u001b[39m`,
  /** Moves the cursor up `lines` lines, to the start of the line. */
  up: (lines: number): string => (lines > 0 ? `\u001b[${lines}F` : '\r'),
  /** Clears from the cursor to the end of the screen. */
  clearDown: '\u001b[0J',
  hideCursor: '\u001b[?25l',
  showCursor: '\u001b[?25h',
} as const;

/**
 * Styles that leave the text as it is, for output without colours.
 */
export const plain: Pick<typeof ansi, 'bold' | 'dim' | 'green' | 'yellow' | 'red' | 'cyan'> = {
  bold: (text) => text,
  dim: (text) => text,
  green: (text) => text,
  yellow: (text) => text,
  red: (text) => text,
  cyan: (text) => text,
};

/**
 * Removes ANSI escape sequences.
 *
 * @param text - text with escapes.
 * @returns the visible text.
 */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
