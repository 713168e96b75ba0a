import { ResourceType } from '../api/resources';
import { forbidden, unauthorized } from '../api/status';
import { TokenRule } from '../types';

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];

/** A token holder, named for Forbidden messages. */
export interface Caller {
  user: string;
  rule: TokenRule;
}

/** What a request does, in RBAC terms. */
export interface Action {
  verb: string;
  rt: ResourceType;
  namespace?: string;
  name?: string;
}

/** Normalises and checks the `tokens` option; throws naming the bad entry. */
export function normalizeTokens(
  tokens: Array<string | TokenRule> | undefined,
): TokenRule[] | undefined {
  if (tokens === undefined) return undefined;
  if (!Array.isArray(tokens))
    throw new Error(
      'tokens must be a list of strings or { token, verbs, namespaces } rules',
    );
  return tokens.map((t, i) => {
    const rule = typeof t === 'string' ? { token: t } : t;
    if (!rule || typeof rule.token !== 'string' || rule.token.trim() === '') {
      throw new Error(
        `tokens[${i}] must be a non-empty string or have a non-empty "token"`,
      );
    }
    for (const v of rule.verbs ?? []) {
      if (!VERBS.includes(v))
        throw new Error(
          `tokens[${i}].verbs has unknown verb "${v}"; known verbs: ${VERBS.join(
            ', ',
          )}`,
        );
    }
    if (
      rule.namespaces !== undefined &&
      (!Array.isArray(rule.namespaces) ||
        rule.namespaces.some(n => typeof n !== 'string'))
    ) {
      throw new Error(
        `tokens[${i}].namespaces must be a list of namespace names`,
      );
    }
    return {
      token: rule.token,
      verbs: rule.verbs,
      namespaces: rule.namespaces,
    };
  });
}

/** Resolves the bearer token of a request; throws 401 when tokens are required and it is missing or unknown. */
export function authenticate(
  rules: TokenRule[] | undefined,
  authorization: string | undefined,
): Caller | undefined {
  if (!rules) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const index = match ? rules.findIndex(r => r.token === match[1].trim()) : -1;
  if (index < 0) throw unauthorized();
  return { user: `token-${index + 1}`, rule: rules[index] };
}

/** The namespace an action happens in; a Namespace object counts as being in itself. */
function scopeOf(action: Action): string | undefined {
  if (action.rt.namespaced) return action.namespace;
  if (action.rt.kind === 'Namespace' && action.name && action.verb !== 'create')
    return action.name;
  return undefined;
}

/**
 * Checks the caller's allow list: the verb must be listed (deletecollection is allowed by delete), and the
 * namespace too. A Namespace object counts as being in itself; cluster-scoped types and lists across all
 * namespaces need a token without a namespace list.
 */
export function authorize(caller: Caller | undefined, action: Action): void {
  if (!caller) return;
  const { verbs, namespaces } = caller.rule;
  const verbAllowed =
    !verbs ||
    verbs.includes(action.verb) ||
    (action.verb === 'deletecollection' && verbs.includes('delete'));
  const scope = scopeOf(action);
  const namespaceAllowed =
    !namespaces || (scope !== undefined && namespaces.includes(scope));
  if (!verbAllowed || !namespaceAllowed) {
    throw forbidden(
      caller.user,
      action.verb,
      action.rt,
      action.rt.namespaced ? action.namespace : undefined,
      action.name,
    );
  }
}
