import { readFileSync } from 'node:fs';

/**
 * The last lines of a log file, for error messages.
 *
 * @param file - the log file.
 * @param lines - how many lines (default 40).
 * @returns the tail, or a note that the file could not be read.
 */
export function readLogTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(log ${file} unreadable: ${String(error)})`;
  }
}
