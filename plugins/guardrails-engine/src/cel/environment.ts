import { Environment } from '@marcbachmann/cel-js';
import { registerComprehensionLibrary } from './library/comprehensionLibrary';
import { registerConversionLibrary } from './library/conversionLibrary';
import { registerFormatLibrary } from './library/formatLibrary';
import { registerListLibrary } from './library/listLibrary';
import { registerNetworkLibrary } from './library/networkLibrary';
import { registerOptionalLibrary } from './library/optionalLibrary';
import { registerQuantityLibrary } from './library/quantityLibrary';
import { registerRegexLibrary } from './library/regexLibrary';
import { registerSemverLibrary } from './library/semverLibrary';
import { registerSetsLibrary } from './library/setsLibrary';
import { registerStringFormatLibrary } from './library/stringFormatLibrary';
import { registerStringLibrary } from './library/stringLibrary';
import { registerUrlLibrary } from './library/urlLibrary';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

let base: Environment | undefined;
const derived = new Map<string, Environment>();

/**
 * The Kubernetes dialect: optional types on (`object.?spec.?x.orValue(...)`),
 * mixed-type literals left to literalTypes.ts (which rejects them as
 * Kubernetes does, but lets dyn elements through), and the libraries
 * Kubernetes enables, each in library/.
 */
function baseEnvironment(): Environment {
  if (!base) {
    const env = new Environment({
      enableOptionalTypes: true,
      homogeneousAggregateLiterals: false,
    });
    registerQuantityLibrary(env);
    registerListLibrary(env);
    registerStringLibrary(env);
    registerRegexLibrary(env);
    registerConversionLibrary(env);
    registerUrlLibrary(env);
    registerNetworkLibrary(env);
    registerFormatLibrary(env);
    registerComprehensionLibrary(env);
    registerOptionalLibrary(env);
    registerStringFormatLibrary(env);
    registerSemverLibrary(env);
    registerSetsLibrary(env);
    // Type names usable in expressions: type(q) == kubernetes.Quantity.
    env.registerConstant('kubernetes', 'map<string, type>', {
      Quantity: env.evaluate('type(quantity("0"))'),
      URL: env.evaluate('type(url("/"))'),
      NamedFormat: env.evaluate('type(format.uuid())'),
      Semver: env.evaluate('type(semver("0.0.0"))'),
    });
    base = env;
  }
  return base;
}

/**
 * Environment declaring `variables` (all dynamically typed, like the
 * unstructured objects they hold) with the given nesting limit. Building an
 * environment is expensive, so one is kept per distinct configuration.
 */
export function environmentFor(
  variables: readonly string[],
  maxNesting: number,
): Environment {
  const key = `${maxNesting}:${variables.join(',')}`;
  let env = derived.get(key);
  if (!env) {
    for (const name of variables) {
      if (!IDENTIFIER.test(name)) {
        throw new Error(`invalid CEL variable name '${name}'`);
      }
    }
    env = baseEnvironment().clone({ limits: { maxDepth: maxNesting } });
    for (const name of new Set(variables)) env.registerVariable(name, 'dyn');
    derived.set(key, env);
  }
  return env;
}
