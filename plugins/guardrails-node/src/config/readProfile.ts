import { Config } from '@backstage/config';
import { assertKnownKeys, isConfigObject, readEnum } from './configKeys';
import { readSizes } from './readSizes';
import { NamespaceProfile, NetworkPolicyMode, PodSecurityLevel } from './types';

const POD_SECURITY_LEVELS: PodSecurityLevel[] = [
  'privileged',
  'baseline',
  'restricted',
];
const NETWORK_POLICY_MODES: NetworkPolicyMode[] = [
  'deny-all',
  'deny-ingress',
  'allow-same-namespace',
];
const PROFILE_KEYS = ['podSecurity', 'networkPolicy', 'ownerRole', 'sizes'];

/**
 * Reads `<env>.profile`; every field is optional and falls back to the environment's default
 * profile. Sizes, when given, replace the default sizes and must each be complete.
 */
export function readProfile(
  env: Config,
  key: string,
  defaults: NamespaceProfile,
): NamespaceProfile {
  if (!env.has('profile')) {
    return defaults;
  }
  if (!isConfigObject(env.getOptional('profile'))) {
    throw new Error(
      `${key} must be an object with any of ${PROFILE_KEYS.join(
        ', ',
      )}; leave it out to use the default profile`,
    );
  }
  const profile = env.getConfig('profile');
  assertKnownKeys(profile, PROFILE_KEYS, key, 'A profile');
  let ownerRole = defaults.ownerRole;
  if (profile.has('ownerRole')) {
    ownerRole = profile.getString('ownerRole').trim();
    if (!ownerRole) {
      throw new Error(
        `${key}.ownerRole must not be empty; leave it out to use '${defaults.ownerRole}'`,
      );
    }
  }
  const choice = <T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
  ): T =>
    profile.has(name)
      ? readEnum(profile, name, allowed, `${key}.${name}`)
      : fallback;
  return {
    podSecurity: choice(
      'podSecurity',
      POD_SECURITY_LEVELS,
      defaults.podSecurity,
    ),
    networkPolicy: choice(
      'networkPolicy',
      NETWORK_POLICY_MODES,
      defaults.networkPolicy,
    ),
    ownerRole,
    sizes: profile.has('sizes')
      ? readSizes(profile.getConfig('sizes'), `${key}.sizes`)
      : defaults.sizes,
  };
}
