import { ApiStatusError } from '@kube-cache/indexer';
import type { Status, StatusCause } from '@kube-cache/indexer';

/** Which object a failure is about, as the real server names it in `Status.details`. */
export interface StatusSubject {
  readonly group: string;
  /** The resource's plural (`pods`), as the real server puts it in `details.kind`. */
  readonly plural: string;
  readonly name?: string | undefined;
}

const defaultReasons: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * The `StatusReason` the API server gives a failure with this HTTP code, when the code has one.
 *
 * @param code - the HTTP status code.
 * @returns the reason (for example `Expired` for 410), or `undefined`.
 */
export function defaultStatusReason(code: number): string | undefined {
  return defaultReasons[code];
}

/**
 * Builds a failure `Status` as the API server sends it.
 *
 * @param code - the HTTP status code.
 * @param reason - the `StatusReason`, for example `NotFound`.
 * @param message - the human-readable message.
 * @param details - optional `details`.
 * @returns the Status object.
 */
export function failureStatus(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

function subjectDetails(subject: StatusSubject): NonNullable<Status['details']> {
  return {
    ...(subject.name === undefined ? {} : { name: subject.name }),
    ...(subject.group === '' ? {} : { group: subject.group }),
    kind: subject.plural,
  };
}

function qualified(subject: StatusSubject): string {
  return subject.group === '' ? subject.plural : `${subject.plural}.${subject.group}`;
}

/**
 * Throwable error answers, each matching the real server's code, reason and message.
 */
export const statusErrors = {
  notFound: (subject: StatusSubject): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        404,
        'NotFound',
        `${qualified(subject)} "${subject.name ?? ''}" not found`,
        subjectDetails(subject),
      ),
    ),
  resourceNotFound: (): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(404, 'NotFound', 'the server could not find the requested resource', {}),
    ),
  alreadyExists: (subject: StatusSubject): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        409,
        'AlreadyExists',
        `${qualified(subject)} "${subject.name ?? ''}" already exists`,
        subjectDetails(subject),
      ),
    ),
  conflict: (subject: StatusSubject, detail: string): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified(subject)} "${subject.name ?? ''}": ${detail}`,
        subjectDetails(subject),
      ),
    ),
  invalid: (
    kind: string,
    group: string,
    name: string,
    causes: readonly StatusCause[],
  ): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        422,
        'Invalid',
        `${group === '' ? kind : `${kind}.${group}`} "${name}" is invalid: ${causes.map((cause) => `${cause.field ?? ''}: ${cause.message ?? ''}`).join(', ')}`,
        { name, ...(group === '' ? {} : { group }), kind, causes },
      ),
    ),
  preconditionFailed: (kind: string, name: string, detail: string): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${kind} "${name}": ${detail}`,
        {
          name,
          kind,
        },
      ),
    ),
  badRequest: (message: string): ApiStatusError =>
    ApiStatusError.fromStatus(failureStatus(400, 'BadRequest', message)),
  methodNotAllowed: (): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
        {},
      ),
    ),
  unsupportedMediaType: (contentType: string, accepted: readonly string[]): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')} (got ${contentType})`,
      ),
    ),
  expired: (message: string): ApiStatusError =>
    ApiStatusError.fromStatus(failureStatus(410, 'Expired', message)),
  tooLargeResourceVersion: (requested: number, current: number): ApiStatusError =>
    ApiStatusError.fromStatus(
      failureStatus(
        504,
        'Timeout',
        `Timeout: Too large resource version: ${requested}, current: ${current}`,
        {
          causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
          retryAfterSeconds: 1,
        },
      ),
    ),
  unauthorized: (): ApiStatusError =>
    ApiStatusError.fromStatus(failureStatus(401, 'Unauthorized', 'Unauthorized')),
};

/**
 * The `Status` to answer for anything thrown while handling a request: an `ApiStatusError`'s
 * own status, or a 500 `InternalError` for a bug, so that the server never crashes.
 *
 * @param error - what was thrown.
 * @returns the Status to send.
 */
export function statusForError(error: unknown): Status {
  if (ApiStatusError.isInstance(error)) {
    return error.status ?? failureStatus(error.code, error.reason ?? 'Unknown', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failureStatus(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}
