import { InvalidWorkqueueArgumentError } from './errors/invalid-workqueue-argument-error';

/**
 * Returns `value` when it is a finite number of at least `minimum`, else throws.
 *
 * @internal
 */
export function requireNumber(
  argument: string,
  value: number,
  minimum: number,
  options: { integer?: boolean; exclusive?: boolean } = {},
): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (options.exclusive === true ? value > minimum : value >= minimum) &&
    (options.integer !== true || Number.isInteger(value));
  if (!valid) {
    const kind = options.integer === true ? 'an integer' : 'a finite number';
    const bound = options.exclusive === true ? 'above' : 'of at least';
    throw new InvalidWorkqueueArgumentError(
      argument,
      `expected ${kind} ${bound} ${minimum}, got ${String(value)}`,
    );
  }
  return value;
}
