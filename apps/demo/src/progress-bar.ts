/**
 * A text progress bar: `[██████░░░░░░]  50%`. Without a known total it shows a count only.
 *
 * @param done - items done so far.
 * @param total - items expected, if known.
 * @param width - cells inside the brackets.
 * @returns the bar, always `width + 7` characters when the total is known.
 * @example
 * ```ts
 * progressBar(5, 10, 10); // '[█████░░░░░]  50%'
 * ```
 */
export function progressBar(done: number, total: number | undefined, width = 30): string {
  if (total === undefined || total <= 0) return `[${'░'.repeat(width)}]    ?`;
  const fraction = Math.min(1, Math.max(0, done / total));
  const filled = Math.floor(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${percent}`;
}
