import type { Status } from '@kube-cache/indexer';
import { statusErrors, statusForError } from '../cluster/api-status';
import { FaultPlan } from '../cluster/fault-plan';
import type { FailureMatch } from '../cluster/fault-plan';
import { bearerAuthenticated } from './bearer-authentication';
import type { ApiRequest, ApiResponse } from './http-exchange';
import { writeStatus } from './http-messages';
import type { RequestHandlerContext } from './request-context';
import { handleApiRequest } from './request-handler';
import type { WireProtocol } from './served-connections';

/**
 * One recorded request.
 *
 * @since 0.1.0
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /**
   * The protocol it came over.
   *
   * @since 0.2.0
   */
  readonly protocol: WireProtocol;
}

/** The options of a {@link RequestPipeline}. */
export interface RequestPipelineOptions {
  /** The bearer token to require, if any. */
  readonly token: string | undefined;
  /** The delay before every request is handled. */
  readonly latencyMilliseconds: number;
  /** The server's data and settings, for the request handler. */
  readonly context: RequestHandlerContext;
}

const maximumRecordedRequests = 10_000;

/**
 * The way every request to the fake API server goes, in the real server's order: recorded, then
 * delayed by the latency, authenticated, answered by a planned failure if one matches, and only
 * then served.
 */
export class RequestPipeline {
  readonly #requests: RecordedRequest[] = [];
  readonly #faults = new FaultPlan<Status>();
  readonly #token: string | undefined;
  readonly #context: RequestHandlerContext;
  #latencyMilliseconds: number;

  /** @param options - the token, the latency and the request handler's context. */
  constructor(options: RequestPipelineOptions) {
    this.#token = options.token;
    this.#latencyMilliseconds = options.latencyMilliseconds;
    this.#context = options.context;
  }

  /** The recorded requests, oldest first (the last 10,000). */
  get requests(): ReadonlyArray<RecordedRequest> {
    return this.#requests;
  }

  /**
   * Sets the delay before every request is handled.
   *
   * @param milliseconds - the delay (a negative one is 0).
   */
  setLatency(milliseconds: number): void {
    this.#latencyMilliseconds = Math.max(0, milliseconds);
  }

  /**
   * Makes the next matching requests answer with a Status.
   *
   * @param match - method, path and count.
   * @param status - the answer.
   */
  planFailure(match: FailureMatch, status: Status): void {
    this.#faults.plan(match, status);
  }

  /**
   * Answers one request. Never rejects: whatever goes wrong becomes a Status answer (or a
   * dropped connection once the answer has started), so a bad request cannot take the process
   * down.
   *
   * @param request - the request.
   * @param response - the response.
   * @returns when the answer is written (or the watch is open).
   */
  async handle(request: ApiRequest, response: ApiResponse): Promise<void> {
    try {
      await this.#answer(request, response);
    } catch (error) {
      if (!response.headersSent) writeStatus(response, statusForError(error));
      else response.destroy();
    }
  }

  async #answer(request: ApiRequest, response: ApiResponse): Promise<void> {
    const url = new URL(`http://fake${request.url ?? '/'}`);
    const method = request.method ?? 'GET';
    this.#requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      protocol: request.httpVersionMajor === 2 ? 'h2' : 'http/1.1',
    });
    if (this.#requests.length > maximumRecordedRequests)
      this.#requests.splice(0, this.#requests.length - maximumRecordedRequests);
    if (this.#latencyMilliseconds > 0)
      await new Promise((resolve) => setTimeout(resolve, this.#latencyMilliseconds));
    // As on the real server, authentication comes first: an injected fault answers only a
    // request that would otherwise be served.
    if (!bearerAuthenticated(this.#token, request.headers.authorization))
      return writeStatus(response, statusErrors.unauthorized().status ?? {});
    const injected = this.#faults.take(method, url.pathname);
    if (injected !== undefined) return writeStatus(response, injected);
    await handleApiRequest(this.#context, request, response, url);
  }
}
