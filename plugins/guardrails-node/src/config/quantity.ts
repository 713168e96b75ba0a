const QUANTITY =
  /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The value of a non-negative Kubernetes quantity (`250m`, `4Gi`, `1e3`), or undefined when the
 * text is not one. Floating point is precise enough to compare configured limits.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) {
    return undefined;
  }
  const [, number, suffix] = match;
  if (!suffix) {
    return Number(number);
  }
  if (suffix[0] === 'e' || suffix[0] === 'E') {
    return Number(number) * 10 ** Number(suffix.slice(1));
  }
  return Number(number) * SUFFIXES[suffix];
}
