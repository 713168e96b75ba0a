/**
 * A local, in-memory Kubernetes API server for development and tests.
 *
 * @packageDocumentation
 */

export type {
  KubeSimulator,
  KubeSimulatorOptions,
  SimulatorFaults,
  TokenRule,
  WatchOptions,
} from './types';
export type { OpenWatch } from './watch/WatchHub';
export type { AuditEvent } from './admission/auditLog';
export type { UserInfo } from './admission/types';
export { startKubeSimulator } from './startKubeSimulator';
export { loadSeedFile } from './seed/loadSeedFile';
export { bundledSeedsDir } from './seed/bundledSeedsDir';
export { runKubeSimulatorCli } from './cli/runKubeSimulatorCli';
