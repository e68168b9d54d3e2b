import type { ListOptions, StatusCause } from '@kube-cache/indexer';
import { statusErrors } from './api-status';

/**
 * The list and watch query parameters of one request, parsed and validated.
 */
export interface RequestListOptions {
  readonly watch: boolean;
  readonly resourceVersion: string | undefined;
  readonly resourceVersionMatch: 'Exact' | 'NotOlderThan' | undefined;
  readonly limit: number | undefined;
  readonly continue: string | undefined;
  readonly labelSelector: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents: boolean | undefined;
  readonly timeoutSeconds: number | undefined;
  /** For Table answers: `None`, `Metadata` (the default) or `Object`. */
  readonly includeObject: string | null;
}

/**
 * The options of an in-process list or watch call, in the form the cluster core validates and
 * answers (empty strings are absent, as in a query).
 *
 * @param options - the caller's options.
 * @param watch - whether the call is a watch.
 * @returns the options, validated with the real server's rules.
 * @throws ApiStatusError 400 for a malformed value, 422 for a forbidden combination.
 */
export function requestListOptions(options: ListOptions, watch: boolean): RequestListOptions {
  const text = (value: string | undefined): string | undefined =>
    value === undefined || value === '' ? undefined : value;
  return validateListOptions({
    watch,
    resourceVersion: text(options.resourceVersion),
    resourceVersionMatch: options.resourceVersionMatch,
    limit: options.limit,
    continue: text(options.continue),
    labelSelector: text(options.labelSelector),
    fieldSelector: text(options.fieldSelector),
    allowWatchBookmarks: options.allowWatchBookmarks ?? false,
    sendInitialEvents: options.sendInitialEvents,
    timeoutSeconds: options.timeoutSeconds,
    includeObject: null,
  });
}

/**
 * Validates list and watch options with the real server's rules (`ValidateListOptions`): a
 * violation is a 422 `Invalid` for `ListOptions`.
 *
 * @param options - the options.
 * @returns the same options.
 * @throws ApiStatusError 400 for a malformed value, 422 for a forbidden combination.
 */
export function validateListOptions(options: RequestListOptions): RequestListOptions {
  const match = options.resourceVersionMatch as string | undefined;
  if (options.resourceVersion !== undefined && !/^\d+$/.test(options.resourceVersion)) {
    throw statusErrors.badRequest(`invalid resource version: ${options.resourceVersion}`);
  }
  const causes: StatusCause[] = [];
  const forbid = (field: string, message: string): void => {
    causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: ${message}`, field });
  };
  if (match !== undefined) {
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      causes.push({
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
        field: 'resourceVersionMatch',
      });
    }
    if (options.watch && options.sendInitialEvents === undefined)
      forbid(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      );
    if (
      options.resourceVersion === undefined &&
      !(options.watch && options.sendInitialEvents !== undefined)
    ) {
      forbid(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    }
    if (options.continue !== undefined)
      forbid('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided');
    if (match === 'Exact' && options.resourceVersion === '0')
      forbid(
        'resourceVersionMatch',
        'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      );
  }
  if (options.sendInitialEvents !== undefined) {
    if (!options.watch) forbid('sendInitialEvents', 'sendInitialEvents is forbidden for list');
    if (options.watch && match !== 'NotOlderThan') {
      forbid(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    }
    if (options.watch && !options.allowWatchBookmarks)
      forbid(
        'allowWatchBookmarks',
        'sendInitialEvents requires setting allowWatchBookmarks to true',
      );
  }
  if (options.limit !== undefined && options.limit < 0)
    causes.push({
      reason: 'FieldValueInvalid',
      message: 'Invalid value: must be non-negative',
      field: 'limit',
    });
  if (causes.length > 0) throw statusErrors.invalid('ListOptions', 'meta.k8s.io', '', causes);
  if (
    !options.watch &&
    options.continue !== undefined &&
    options.resourceVersion !== undefined &&
    options.resourceVersion !== '0'
  ) {
    throw statusErrors.badRequest('specifying resource version is not allowed when using continue');
  }
  return options;
}
