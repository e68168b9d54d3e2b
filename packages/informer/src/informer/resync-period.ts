/**
 * The shortest resync period a handler can have, in milliseconds (client-go's
 * `minimumResyncPeriod`, 1 s).
 *
 * @since 0.1.0
 */
export const minimumResyncPeriod = 1000;

/**
 * client-go's `determineResyncPeriod`: 0 stays 0; a period with resync disabled on the informer
 * (check period 0) becomes 0; a period below the check period is raised to it.
 *
 * @internal
 */
export function determineResyncPeriod(desired: number, check: number): number {
  if (desired === 0) return 0;
  if (check === 0) return 0;
  return Math.max(desired, check);
}
