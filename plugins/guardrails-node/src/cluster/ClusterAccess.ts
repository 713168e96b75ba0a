import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  GuardrailsSettings,
  readGuardrailsSettings,
} from '../config/readGuardrailsConfig';
import { ClusterDefinition, EnvironmentDefinition } from '../config/types';
import { KubeClusterClient } from './KubeClusterClient';
import { kubeConfigFor } from './kubeConfigFor';
import { RequestExecutor } from './RequestExecutor';
import { ResourceResolver } from './ResourceResolver';
import { BackoffSettings, DEFAULT_BACKOFF } from './retryPolicy';
import { Transport } from './transport';
import { ClusterClient } from './types';

/** Options of {@link ClusterAccess.fromConfig}. @public */
export interface ClusterAccessOptions {
  logger: LoggerService;
  /** Overrides `guardrails.clusterRequests.timeout`, in milliseconds. */
  timeoutMs?: number;
  /** Overrides `guardrails.clusterRequests.maxAttempts`. */
  maxAttempts?: number;
  /** Backoff between attempts. */
  backoff?: Partial<BackoffSettings>;
}

/**
 * The configured clusters and environments, and a client per cluster. Clusters are addressed by
 * their configured name only: a URL or credential can never come from anywhere but configuration.
 * @public
 */
export class ClusterAccess {
  private readonly clients = new Map<string, ClusterClient>();

  /** Reads and validates the configuration; throws naming the config key when it is wrong. */
  static fromConfig(
    config: Config,
    options: ClusterAccessOptions,
  ): ClusterAccess {
    return new ClusterAccess(readGuardrailsSettings(config), options);
  }

  private constructor(
    private readonly settings: GuardrailsSettings,
    private readonly options: ClusterAccessOptions,
  ) {}

  /** Clusters Guardrails can reach (those of `kubernetes.clusterLocatorMethods` it supports). */
  clusters(): ClusterDefinition[] {
    return this.settings.config.clusters;
  }

  /** Environments in configuration order, least to most protected. */
  environments(): EnvironmentDefinition[] {
    return this.settings.config.environments;
  }

  /** One environment by name. */
  environment(name: string): EnvironmentDefinition {
    const environment = this.environments().find(e => e.name === name);
    if (!environment) {
      throw new NotFoundError(
        `Unknown environment '${name}'; configured environments: ${this.environments()
          .map(e => e.name)
          .join(', ')}`,
      );
    }
    return environment;
  }

  /** The client of a configured cluster. */
  forCluster(name: string): ClusterClient {
    const existing = this.clients.get(name);
    if (existing) {
      return existing;
    }
    const connection = this.settings.connections.get(name);
    if (!connection) {
      const known = [...this.settings.connections.keys()];
      throw new NotFoundError(
        `Unknown cluster '${name}'; configured clusters: ${
          known.join(', ') || 'none'
        }`,
      );
    }
    const { clusterRequests } = this.settings.config;
    const executor = new RequestExecutor({
      cluster: name,
      transport: new Transport(
        kubeConfigFor(connection),
        connection.definition.url,
      ),
      timeoutMs: this.options.timeoutMs ?? clusterRequests.timeoutMs,
      maxAttempts: this.options.maxAttempts ?? clusterRequests.maxAttempts,
      backoff: { ...DEFAULT_BACKOFF, ...this.options.backoff },
      logger: this.options.logger,
    });
    const client = new KubeClusterClient(
      name,
      executor,
      new ResourceResolver(name, executor),
    );
    this.clients.set(name, client);
    return client;
  }

  /** The clients of every cluster of an environment. */
  forEnvironment(name: string): ClusterClient[] {
    return this.environment(name).clusters.map(cluster =>
      this.forCluster(cluster),
    );
  }
}

/**
 * Creates the {@link ClusterAccess} for a configuration.
 * @public
 */
export function createClusterClients(
  config: Config,
  options: ClusterAccessOptions,
): ClusterAccess {
  return ClusterAccess.fromConfig(config, options);
}
