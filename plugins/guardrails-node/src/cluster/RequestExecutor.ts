import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterConflictError,
  ClusterRequestError,
  ClusterRequestFailure,
  ClusterRequestTarget,
  ClusterVerb,
  describeTarget,
} from './ClusterRequestError';
import {
  BackoffSettings,
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
} from './retryPolicy';
import { redactAddresses } from './redactAddresses';
import {
  connectionMessage,
  HttpRequest,
  HttpResponse,
  Transport,
  TransportFailure,
} from './transport';
import { WatchHandle } from './types';

/** An HTTP request together with what it means, for errors and logs. */
export interface ClusterCall extends HttpRequest {
  verb: ClusterVerb;
  target: ClusterRequestTarget;
  /** Hand a 404 back to the caller instead of failing (get and delete of missing objects). */
  notFoundIsResult?: boolean;
  /** Hand a 409 back to the caller instead of failing (a create of an object that exists). */
  conflictIsResult?: boolean;
}

export interface RequestExecutorOptions {
  cluster: string;
  transport: Transport;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffSettings;
  logger: LoggerService;
}

/** Runs calls against one cluster with a timeout per attempt and retries with backoff. */
export class RequestExecutor {
  constructor(private readonly options: RequestExecutorOptions) {}

  async execute(call: ClusterCall): Promise<HttpResponse> {
    const { maxAttempts, backoff } = this.options;
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.options.transport.send(
          call,
          this.options.timeoutMs,
        );
      } catch (error) {
        if (!(error instanceof TransportFailure)) {
          throw error;
        }
        const failure = this.transportError(call, error, attempt);
        // Server-side apply and delete are idempotent, so a write that timed out is safe to resend; a
        // resent create that had landed answers 409, which its caller reads as "exists" and checks.
        if (!isTransient(error) || attempt >= maxAttempts) {
          // The error names the cluster only; its address is for operators, in the log.
          this.options.logger.warn(
            `Cluster '${this.options.cluster}': ${call.verb} ${describeTarget(
              call.verb,
              call.target,
            )} failed: ${error.raw}`,
          );
          throw failure;
        }
        await this.wait(
          call,
          attempt,
          backoffDelay(attempt, backoff),
          failure.reason,
        );
        continue;
      }

      if (
        response.status < 400 ||
        (response.status === 404 && call.notFoundIsResult) ||
        (response.status === 409 && call.conflictIsResult)
      ) {
        return response;
      }
      const failure = this.statusError(call, response, attempt);
      if (!isRetryableStatus(response.status) || attempt >= maxAttempts) {
        throw failure;
      }
      const retryAfter = parseRetryAfter(response.headers['retry-after']);
      if (retryAfter !== undefined && retryAfter > backoff.maxRetryAfterMs) {
        throw failure;
      }
      await this.wait(
        call,
        attempt,
        retryAfter ?? backoffDelay(attempt, backoff),
        `${response.status} ${failure.reason}`,
      );
    }
  }

  /**
   * Opens a watch: one attempt, no retries (the caller resumes from the last resourceVersion it saw, or lists
   * again). Every way the stream can fail settles `done` with a ClusterRequestError naming the cluster only.
   */
  async watch(
    call: ClusterCall,
    onEvent: (type: string, object: Record<string, unknown>) => void,
  ): Promise<WatchHandle> {
    const stream = await this.options.transport.watch(
      call.path,
      call.query ?? {},
      onEvent,
    );
    const fail = (
      failure: Omit<
        ClusterRequestFailure,
        'cluster' | 'verb' | 'target' | 'attempts'
      >,
    ) =>
      new ClusterRequestError({
        cluster: this.options.cluster,
        verb: call.verb,
        target: call.target,
        attempts: 1,
        ...failure,
      });
    const done = stream.ended.then(end => {
      switch (end.kind) {
        case 'end':
          return;
        case 'status':
          throw fail({
            status: end.code,
            reason: end.reason ?? STATUS_CODES[end.code] ?? 'Error',
            detail: end.message && redactAddresses(end.message),
          });
        case 'http':
          throw fail({
            status: end.status,
            reason: STATUS_CODES[end.status] ?? 'Error',
          });
        default: {
          const raw =
            end.error instanceof Error ? end.error.message : String(end.error);
          this.options.logger.warn(
            `Cluster '${this.options.cluster}': ${call.verb} ${describeTarget(
              call.verb,
              call.target,
            )} broke: ${raw}`,
          );
          throw fail({
            reason: 'NetworkError',
            detail: connectionMessage(end.error),
          });
        }
      }
    });
    // Settled by the caller's own handling; an unobserved failure must not crash the process.
    done.catch(() => undefined);
    return { done, stop: () => stream.stop() };
  }

  private async wait(
    call: ClusterCall,
    attempt: number,
    delayMs: number,
    why: string,
  ) {
    this.options.logger.warn(
      `Cluster '${this.options.cluster}': ${call.verb} ${describeTarget(
        call.verb,
        call.target,
      )} got ${why}; retrying in ${delayMs} ms (attempt ${attempt + 1} of ${
        this.options.maxAttempts
      })`,
    );
    await sleep(delayMs);
  }

  private statusError(
    call: ClusterCall,
    response: HttpResponse,
    attempts: number,
  ): ClusterRequestError {
    const status = readStatus(response.body);
    const failure = {
      cluster: this.options.cluster,
      verb: call.verb,
      target: call.target,
      status: response.status,
      reason: status.reason ?? STATUS_CODES[response.status] ?? 'Error',
      // A server's message can name internal addresses (a webhook's URL, a node's IP).
      detail: status.message && redactAddresses(status.message),
      attempts,
    };
    return response.status === 409
      ? new ClusterConflictError(failure)
      : new ClusterRequestError(failure);
  }

  private transportError(
    call: ClusterCall,
    error: TransportFailure,
    attempts: number,
  ): ClusterRequestError {
    const reasons = {
      timeout: 'Timeout',
      network: 'NetworkError',
      tls: 'TLSError',
      setup: 'ClientConfigurationError',
    };
    return new ClusterRequestError({
      cluster: this.options.cluster,
      verb: call.verb,
      target: call.target,
      reason: reasons[error.kind],
      detail: error.message,
      attempts,
    });
  }
}

function isTransient(failure: TransportFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'network';
}

/** Reason and message of a Kubernetes `Status` body, or the start of a non-Status body. */
function readStatus(body: unknown): { reason?: string; message?: string } {
  if (body && typeof body === 'object') {
    const { reason, message } = body as { reason?: unknown; message?: unknown };
    return {
      reason: typeof reason === 'string' && reason ? reason : undefined,
      message: typeof message === 'string' && message ? message : undefined,
    };
  }
  if (typeof body === 'string' && body.trim()) {
    const text = body.trim();
    return { message: text.length > 200 ? `${text.slice(0, 200)}…` : text };
  }
  return {};
}
