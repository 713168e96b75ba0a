import { GuardrailResult } from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesObject } from '../manifests/kubernetesObject';
import { CompiledPack } from './compilePack';
import { EvaluationContext, evaluationSteps } from './evaluateObjects';

/** @public */
export interface AsyncEvaluationOptions {
  /**
   * Longest stretch of evaluation between two pauses, in milliseconds;
   * default 10. Each pause lets timers, I/O and requests waiting in the event
   * loop run.
   */
  sliceMs?: number;
}

const DEFAULT_SLICE_MS = 10;

type Scheduler = (callback: () => void) => unknown;

// setImmediate (Node) runs the callback after pending I/O and timers without
// the 1 ms floor of setTimeout; browsers have only setTimeout.
const schedule: Scheduler =
  (globalThis as { setImmediate?: Scheduler }).setImmediate ??
  (callback => setTimeout(callback, 0));

function pause(): Promise<void> {
  return new Promise(resolve => schedule(resolve));
}

/**
 * {@link evaluateObjects} in slices: the same results, but evaluation stops
 * every `sliceMs` to let the event loop run, so evaluating a whole cluster
 * does not stall a server (or a browser tab) for the length of the run.
 * Rejects with a TypeError naming the first input that is not a Kubernetes
 * object.
 * @public
 */
export async function evaluateObjectsAsync(
  compiled: CompiledPack,
  objects: ReadonlyArray<KubernetesObject>,
  context: EvaluationContext,
  options: AsyncEvaluationOptions = {},
): Promise<GuardrailResult[]> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const results: GuardrailResult[] = [];
  let sliceStart = Date.now();
  for (const result of evaluationSteps(compiled, objects, context)) {
    results.push(result);
    if (Date.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = Date.now();
    }
  }
  return results;
}
