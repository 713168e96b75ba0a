import { Environment } from '@marcbachmann/cel-js';
import { membership } from '../dynamicOperators';

const SYNC = { async: false };

/** Every element of `subset` is in `set` (CEL equality, numbers compared by value). */
function contains(set: unknown[], subset: unknown[]): boolean {
  return subset.every(item => membership(item, set));
}

class SetsNamespace {}

/** cel-go's sets extension (ext.Sets, Kubernetes 1.29): sets.contains, sets.equivalent, sets.intersects. */
export function registerSetsLibrary(env: Environment): void {
  env.registerType('SetsNamespace', SetsNamespace);
  env.registerConstant('sets', 'SetsNamespace', new SetsNamespace());
  const functions: Array<[string, (a: unknown[], b: unknown[]) => boolean]> = [
    ['contains', contains],
    ['equivalent', (a, b) => contains(a, b) && contains(b, a)],
    ['intersects', (a, b) => b.some(item => membership(item, a))],
  ];
  for (const [name, fn] of functions) {
    const handler = (_: SetsNamespace, a: unknown[], b: unknown[]) => fn(a, b);
    // The list<dyn> overloads serve lists from objects (ints where the schema
    // says double); staticOverloads.ts rejects mixed types known at compile time.
    env.registerFunction(
      `SetsNamespace.${name}(list<A>, list<A>): bool`,
      handler,
      SYNC,
    );
    env.registerFunction(
      `SetsNamespace.${name}(list, list): bool`,
      handler,
      SYNC,
    );
  }
}
