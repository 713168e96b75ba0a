export {
  buildNamespaceBaseline,
  baselineInputProblems,
  BASELINE_OBJECT_NAMES,
} from './namespaceBaseline';
export type {
  NamespaceBaseline,
  NamespaceBaselineInput,
  BaselineProfile,
  BaselineNetworkPolicy,
  BaselinePodSecurity,
} from './types';
