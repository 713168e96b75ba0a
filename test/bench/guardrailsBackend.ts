/*
 * The guardrails backend plugin as the benchmarks drive it: its package's entry point started in a test backend
 * (startTestBackend) on a database, configuration and catalog the benchmark gives, and called over its REST API.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import guardrailsPlugin from '@guardrails-dev/plugin-guardrails-backend';
import { ApiDistribution } from '@guardrails-dev/plugin-guardrails-common';
import { Knex } from 'knex';
import { TriggeredScheduler } from './triggeredScheduler';

export interface GuardrailsBackend {
  /** The port the backend listens on, on 127.0.0.1. */
  port: number;
  /** The `authorization` header of a signed-in user. */
  authorization: string;
  /** A call to `/api/guardrails<path>` as a signed-in user; its JSON answer, or an error for any other status. */
  call<T>(method: 'GET' | 'POST', path: string): Promise<T>;
  /** Starts an audit with `POST /audit` and resolves when it has ended. */
  audit(): Promise<void>;
  /**
   * The results and violations stored, from `GET /distribution` after an audit; an error names the clusters the
   * audit could not read.
   */
  auditedResults(): Promise<{ results: number; violations: number }>;
  stop(): Promise<void>;
}

export async function startGuardrailsBackend(options: {
  knex: Knex;
  config: JsonObject;
  catalog: CatalogService;
}): Promise<GuardrailsBackend> {
  // Audits run when the benchmark asks for one, never on their schedule.
  const scheduler = new TriggeredScheduler();
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      scheduler.factory(),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({ data: options.config }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => options.catalog,
      }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const authorization = mockCredentials.user.header();
  const call = async <T>(method: 'GET' | 'POST', path: string) => {
    const response = await fetch(
      `http://127.0.0.1:${port}/api/guardrails${path}`,
      { method, headers: { authorization } },
    );
    if (!response.ok) {
      throw new Error(
        `${method} ${path} answered ${
          response.status
        }: ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  };
  return {
    port,
    authorization,
    call,
    audit: async () => {
      const { status } = await call<{ status: string }>('POST', '/audit');
      if (status !== 'started') {
        throw new Error(`POST /audit answered ${status}, not started`);
      }
      await scheduler.idle();
    },
    auditedResults: async () => {
      const { rows, missing, stale } = await call<ApiDistribution>(
        'GET',
        '/distribution',
      );
      const failed = [...missing, ...stale];
      if (failed.length > 0) {
        throw new Error(
          `The audit could not read ${failed
            .map(c => `${c.cluster}: ${c.error}`)
            .join('; ')}`,
        );
      }
      const sum = (count: (row: (typeof rows)[number]) => number) =>
        rows.reduce((total, row) => total + count(row), 0);
      return {
        results: sum(
          r => r.failing + r.warning + r.errors + r.exempted + r.passing,
        ),
        violations: sum(r => r.failing + r.warning),
      };
    },
    stop: () => backend.stop(),
  };
}
