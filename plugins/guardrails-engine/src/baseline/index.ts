export {
  buildNamespaceBaseline,
  baselineInputProblems,
  BASELINE_OBJECT_NAMES,
  GUARDRAILS_OWNER_REF_ANNOTATION,
  GUARDRAILS_SIZE_ANNOTATION,
} from './namespaceBaseline';
export type {
  NamespaceBaseline,
  NamespaceBaselineInput,
  BaselineProfile,
  BaselineNetworkPolicy,
  BaselinePodSecurity,
} from './types';
