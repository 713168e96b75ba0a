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
} from './types';
export { startKubeSimulator } from './startKubeSimulator';
export { loadSeedFile } from './seed/loadSeedFile';
export { bundledSeedsDir } from './seed/bundledSeedsDir';
export { runKubeSimulatorCli } from './cli/runKubeSimulatorCli';
