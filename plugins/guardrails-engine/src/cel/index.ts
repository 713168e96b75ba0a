export { compileCel } from './compile';
export type {
  CelCompileOptions,
  CelEvaluateOptions,
  CelProgram,
  CelResult,
} from './compile';
export { CelCompileError } from './CelCompileError';
export { parseKubernetesVersion } from './kubernetesVersions';
export { toCelValue, fromCelValue } from './values';
export { Quantity, parseQuantity } from './quantity';
export type { QuantityFormat } from './quantity';
