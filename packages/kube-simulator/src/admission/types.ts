import { ResourceType } from '../api/resources';
import { JsonObject, KubeObject } from '../store/objects';

/** Who sent a request, as admission and the audit log see it (`request.userInfo`). @public */
export interface UserInfo {
  username: string;
  groups: string[];
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** `admission.Attributes`: what one write asks for, as the admission chain sees it. */
export interface AdmissionAttributes {
  operation: Operation;
  rt: ResourceType;
  subresource: string;
  /** `''` for cluster-scoped objects; a Namespace's own name for updates and deletes of it, as on the API server. */
  namespace: string;
  /** From the request; `''` for a create that relies on `generateName`. */
  name: string;
  /** The object to be stored; null on DELETE. */
  object: KubeObject | null;
  /** The stored object; null on CREATE. */
  oldObject: KubeObject | null;
  dryRun: boolean;
  /** CreateOptions, UpdateOptions or DeleteOptions. */
  options: JsonObject;
  user: UserInfo;
}

/** What admission leaves on the request besides allowing or refusing it. */
export interface RequestAdmission {
  user: UserInfo;
  /** `Warning` texts, deduplicated and truncated as the API server does. */
  addWarning(text: string): void;
  /** Audit annotations; a key keeps its first value, as the API server's admission attributes do. */
  annotations: Record<string, string>;
}

/** `metav1.LabelSelector` as written. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

export interface NamedRule {
  apiGroups?: string[];
  apiVersions?: string[];
  operations?: string[];
  resources?: string[];
  resourceNames?: string[];
  scope?: string;
}

export interface MatchResources {
  resourceRules?: NamedRule[];
  excludeResourceRules?: NamedRule[];
  namespaceSelector?: LabelSelectorSpec;
  objectSelector?: LabelSelectorSpec;
  matchPolicy?: string;
}

export interface PolicySpec {
  paramKind?: { apiVersion?: string; kind?: string };
  matchConstraints?: MatchResources;
  validations?: Array<{
    expression: string;
    message?: string;
    messageExpression?: string;
    reason?: string;
  }>;
  failurePolicy?: string;
  auditAnnotations?: Array<{ key: string; valueExpression: string }>;
  matchConditions?: Array<{ name: string; expression: string }>;
  variables?: Array<{ name: string; expression: string }>;
}

export interface BindingSpec {
  policyName?: string;
  paramRef?: {
    name?: string;
    namespace?: string;
    selector?: LabelSelectorSpec;
    parameterNotFoundAction?: string;
  };
  matchResources?: MatchResources;
  validationActions?: string[];
}

export type PolicyObject = KubeObject & { spec: PolicySpec };
export type BindingObject = KubeObject & { spec: BindingSpec };
