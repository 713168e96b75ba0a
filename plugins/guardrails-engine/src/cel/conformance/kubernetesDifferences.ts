/*
 * Conformance cases where Kubernetes departs from the CEL specification, with
 * what Kubernetes does instead and why. The conformance test holds the engine
 * to these outcomes, since a guardrail must evaluate as the cluster does.
 */
import type { Expectation } from './specCase';

export type KubernetesDifference = Expectation & { because: string };

export const KUBERNETES_DIFFERENCES: Readonly<
  Record<string, KubernetesDifference>
> = {};
