import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import {
  GoUrl,
  GoUrlError,
  escapedPath,
  hostname,
  parseRequestUri,
  parseUrl,
  portOf,
  query,
} from './goUrl';

const SYNC = { async: false };

/** A parsed URL, the CEL type kubernetes.URL. */
export class KubernetesUrl {
  static readonly celTypeName = 'kubernetes.URL';

  constructor(readonly url: GoUrl) {}

  equals(other: unknown): boolean {
    return (
      other instanceof KubernetesUrl &&
      JSON.stringify(this.url) === JSON.stringify(other.url)
    );
  }
}

function toUrl(text: string): KubernetesUrl {
  try {
    // As Kubernetes does: ParseRequestURI decides validity, Parse (which
    // splits off the fragment) gives the parts.
    parseRequestUri(text);
    return new KubernetesUrl(parseUrl(text));
  } catch (error) {
    if (error instanceof GoUrlError) {
      throw new EvaluationError(
        `URL parse error during conversion from string: ${error.message}`,
      );
    }
    throw error;
  }
}

function isUrl(text: string): boolean {
  try {
    parseRequestUri(text);
    return true;
  } catch (error) {
    if (error instanceof GoUrlError) return false;
    throw error;
  }
}

/**
 * Kubernetes' URL library (k8s.io/apiserver/pkg/cel/library/urls.go): url(),
 * isURL() and the getters.
 */
export function registerUrlLibrary(env: Environment): void {
  const U = KubernetesUrl.celTypeName;
  env.registerType(U, { ctor: KubernetesUrl, fields: {} });
  env.registerOperator(`${U} == ${U}`, (a: KubernetesUrl, b: KubernetesUrl) =>
    a.equals(b),
  );
  env.registerFunction(`url(string): ${U}`, toUrl, SYNC);
  env.registerFunction('isURL(string): bool', isUrl, SYNC);
  const getters: Array<[string, (u: GoUrl) => string]> = [
    ['getScheme', u => u.scheme],
    ['getHost', u => u.host],
    ['getHostname', hostname],
    ['getPort', portOf],
    ['getEscapedPath', escapedPath],
  ];
  for (const [name, get] of getters) {
    env.registerFunction(
      `${U}.${name}(): string`,
      (u: KubernetesUrl) => get(u.url),
      SYNC,
    );
  }
  env.registerFunction(
    `${U}.getQuery(): map<string, list<string>>`,
    (u: KubernetesUrl) => Object.fromEntries(query(u.url)),
    SYNC,
  );
}
