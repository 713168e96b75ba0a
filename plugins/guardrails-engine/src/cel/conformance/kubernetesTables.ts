/*
 * The tables of cases ported from Kubernetes' CEL tests (and cel-go's tests of a
 * library Kubernetes enables), by the name used in
 * kubernetesKnownFailures.ts (`table/case name`).
 */
import { CEL_GO_FORMAT_CASES } from './celGoFormatCases';
import { CEL_GO_FORMAT_ERROR_CASES } from './celGoFormatErrorCases';
import { CIDR_CASES } from './kubernetesCidrCases';
import { FORMAT_CASES } from './kubernetesFormatCases';
import { IP_CASES } from './kubernetesIpCases';
import { KubernetesCase } from './kubernetesCase';
import { QUANTITY_CASES } from './kubernetesQuantityCases';
import { SEMVER_CASES } from './kubernetesSemverCases';
import { VALIDATION_CASES } from './kubernetesValidationCases';
import { VALIDATION_COLLECTION_CASES } from './kubernetesValidationCollectionCases';
import { VALIDATION_LIBRARY_CASES } from './kubernetesValidationLibraryCases';

export const KUBERNETES_TABLES: Record<string, KubernetesCase[]> = {
  cidr: CIDR_CASES,
  ip: IP_CASES,
  format: FORMAT_CASES,
  quantity: QUANTITY_CASES,
  semver: SEMVER_CASES,
  validation: [...VALIDATION_CASES, ...VALIDATION_COLLECTION_CASES],
  validationLibraries: VALIDATION_LIBRARY_CASES,
  // cel-go's tests of the string format() Kubernetes enables.
  celGoFormat: [...CEL_GO_FORMAT_CASES, ...CEL_GO_FORMAT_ERROR_CASES],
};
