import { statusErrors } from '../cluster/api-status';
import { validateListOptions } from '../cluster/list-options';
import type { RequestListOptions } from '../cluster/list-options';

function booleanParameter(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw statusErrors.badRequest(`invalid boolean value for ${name}: ${value}`);
}

function integerParameter(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw statusErrors.badRequest(`invalid value for ${name}: ${value}`);
  return Number(value);
}

function optionalText(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

/**
 * Parses and validates list/watch query parameters with the real server's rules
 * (`ValidateListOptions`): a violation is a 422 `Invalid` for `ListOptions`.
 *
 * @param query - the request's query parameters.
 * @returns the options.
 * @throws ApiStatusError 400 for a malformed value, 422 for a forbidden combination.
 */
export function parseListOptions(query: URLSearchParams): RequestListOptions {
  const match = optionalText(query, 'resourceVersionMatch');
  return validateListOptions({
    watch: booleanParameter(query, 'watch') ?? false,
    resourceVersion: optionalText(query, 'resourceVersion'),
    resourceVersionMatch: match as RequestListOptions['resourceVersionMatch'],
    limit: integerParameter(query, 'limit'),
    continue: optionalText(query, 'continue'),
    labelSelector: optionalText(query, 'labelSelector'),
    fieldSelector: optionalText(query, 'fieldSelector'),
    allowWatchBookmarks: booleanParameter(query, 'allowWatchBookmarks') ?? false,
    sendInitialEvents: booleanParameter(query, 'sendInitialEvents'),
    timeoutSeconds: integerParameter(query, 'timeoutSeconds'),
    includeObject: query.get('includeObject'),
  });
}
