/**
 * The policy engine of Guardrails for Backstage: pack, exemption and manifest parsing and validation, the CEL engine
 * with Kubernetes functions, evaluation, rollout maths, exemption scope, admission and PolicyReport exports,
 * and the namespace baseline. Pure and isomorphic: no I/O, usable in the browser and in Node.
 *
 * @packageDocumentation
 */

export { parseInstant } from './time';

export {
  compileCel,
  CelCompileError,
  toCelValue,
  fromCelValue,
  Quantity,
  parseQuantity,
  parseKubernetesVersion,
} from './cel';
export type {
  CelCompileOptions,
  CelEvaluateOptions,
  CelProgram,
  CelResult,
  QuantityFormat,
} from './cel';
export { GUARDRAIL_CEL_VARIABLES } from './guardrailCel';
export type { GuardrailCelLimits } from './guardrailCel';

export {
  kubernetesObjectProblem,
  isKubernetesManifest,
} from './manifests/kubernetesObject';
export type {
  KubernetesObject,
  KubernetesObjectMeta,
  KubernetesManifest,
  OwnerReference,
} from './manifests/kubernetesObject';
export { parseManifests } from './manifests/parseManifests';
export type { LocatedManifest } from './manifests/parseManifests';
export {
  ManifestError,
  describeManifestLocation,
} from './manifests/ManifestError';
export type { ManifestLocation } from './manifests/ManifestError';

export { parsePack } from './pack/parsePack';
export type { ParsePackOptions, ParsedPack } from './pack/parsePack';
export { PACK_DOCUMENT_KINDS } from './pack/packDocuments';
export type { PackFile } from './pack/packDocuments';
export { mergePacks } from './pack/mergePacks';
export { readPackFiles } from './pack/readPackFiles';
export type { PackFileSystem, PackDirectoryEntry } from './pack/readPackFiles';
export { loadPackLayers } from './pack/loadPackLayers';
export {
  PackValidationError,
  formatPackProblem,
} from './pack/PackValidationError';
export type { PackProblem } from './pack/PackValidationError';
export { isValidGuardrailId } from './pack/names';
export {
  YAML_LIMITS,
  yamlSizeProblem,
  parseYamlDocuments,
  yamlDocumentToJS,
} from './pack/boundedYaml';

export {
  currentStage,
  nextStage,
  effectiveLevel,
  rolloutStatus,
} from './rollout/rollout';
export type {
  StageInfo,
  UpcomingStage,
  RolloutStatus,
} from './rollout/rollout';

export {
  findExemption,
  exemptionCovers,
  isExemptionExpired,
} from './exemptions/findExemption';
export type {
  ExemptionTarget,
  ExemptionMatch,
} from './exemptions/findExemption';
export type { EntityScope } from './exemptions/exemptionScope';

export { compilePack } from './evaluation/compilePack';
export type {
  CompiledPack,
  CompiledGuardrail,
  CompilePackOptions,
} from './evaluation/compilePack';
export { evaluateObjects } from './evaluation/evaluateObjects';
export type { EvaluationContext } from './evaluation/evaluateObjects';
export { evaluateObjectsAsync } from './evaluation/evaluateObjectsAsync';
export type { AsyncEvaluationOptions } from './evaluation/evaluateObjectsAsync';
export { MAX_MESSAGE_BYTES } from './evaluation/messageLimit';
export { podFromTemplate, POD_TEMPLATE_PATHS } from './evaluation/podTemplates';
export { labelSelectorMatches, isAdmissionOnly } from './evaluation/matching';
export { readsObjectStatus } from './evaluation/liveState';
export { summarize, hasBlocking, isViolation } from './evaluation/summarize';

export {
  exportValidatingAdmissionPolicies,
  VALIDATION_ACTIONS,
} from './export/validatingAdmissionPolicies';
export { kindsWithoutResourceNames } from './export/resourceNames';
export type { GroupKind } from './export/resourceNames';
export type {
  AdmissionExport,
  AdmissionExportOptions,
  FlaggedGuardrail,
} from './export/validatingAdmissionPolicies';
export { admissionPolicyName } from './export/admissionPolicy';
export type {
  EntityScopes,
  UnresolvedExemption,
} from './export/admissionExclusions';
export { guardrailPortalUrl } from './export/admissionMessages';
export { nextAdmissionChange } from './export/nextAdmissionChange';
export { ADMISSION_CLOCK_RESOLUTION_MS } from './export/admissionClock';
export {
  toPolicyReport,
  toPolicyReports,
  POLICY_REPORT_API_VERSION,
} from './export/policyReport';
export type { PolicyReportOptions } from './export/policyReport';
export { toYaml } from './export/toYaml';

export * from './baseline';
export { editDistance } from './editDistance';

/** Where the default guardrail pack lives inside this package (YAML files, shipped with it). @public */
export const DEFAULT_PACK_DIR_NAME = 'packs/default';
