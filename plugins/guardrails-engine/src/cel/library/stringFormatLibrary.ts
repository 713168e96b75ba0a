import { Environment } from '@marcbachmann/cel-js';
import { GO_ESCAPES } from './goQuote';
import { evaluationFormat } from './stringFormat';

const SYNC = { async: false };

/** cel-go's strings.quote: the string in double quotes, with escapes for quotes, backslashes and control characters. */
export function quote(text: string): string {
  // Unpaired surrogates stand for invalid UTF-8, which cel-go replaces by U+FFFD.
  const sanitized = text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  return `"${[...sanitized].map(c => GO_ESCAPES[c] ?? c).join('')}"`;
}

class StringsNamespace {}

/** string.format() and strings.quote() of cel-go's strings extension (version 2, as Kubernetes enables it). */
export function registerStringFormatLibrary(env: Environment): void {
  env.registerFunction('string.format(list): string', evaluationFormat, SYNC);
  env.registerType('StringsNamespace', StringsNamespace);
  env.registerConstant('strings', 'StringsNamespace', new StringsNamespace());
  env.registerFunction(
    'StringsNamespace.quote(string): string',
    (_: StringsNamespace, text: string) => quote(text),
    SYNC,
  );
}
