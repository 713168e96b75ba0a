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
  return {
    podSecurity: profile.has('podSecurity')
      ? readEnum(
          profile,
          'podSecurity',
          POD_SECURITY_LEVELS,
          `${key}.podSecurity`,
        )
      : defaults.podSecurity,
    networkPolicy: profile.has('networkPolicy')
      ? readEnum(
          profile,
          'networkPolicy',
          NETWORK_POLICY_MODES,
          `${key}.networkPolicy`,
        )
      : defaults.networkPolicy,
    ownerRole,
    sizes: profile.has('sizes')
      ? readSizes(profile.getConfig('sizes'), `${key}.sizes`)
      : defaults.sizes,
  };
}
