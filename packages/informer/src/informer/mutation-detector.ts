/** The environment variable client-go's cache mutation detector reads; we read the same one. */
const environmentVariable = 'KUBE_CACHE_MUTATION_DETECTOR';

// Go's strconv.ParseBool true forms, so a setting shared with Go controllers means the same here.
const trueForms = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/**
 * Whether `KUBE_CACHE_MUTATION_DETECTOR` turns the mutation detector on: a value Go's
 * `strconv.ParseBool` reads as true (`1`, `t`, `true`, `TRUE`, ...).
 *
 * @returns `true` when the variable is set to a true form.
 * @internal
 */
export function mutationDetectorFromEnvironment(): boolean {
  const value = process.env[environmentVariable];
  return value !== undefined && trueForms.has(value);
}
