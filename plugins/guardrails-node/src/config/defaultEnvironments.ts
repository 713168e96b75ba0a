import { EnvironmentDefinition, NamespaceProfile, SizeProfile } from './types';

const DEFAULT_SIZES: Record<string, SizeProfile> = {
  small: {
    name: 'small',
    quota: {
      requests: { cpu: '2', memory: '4Gi' },
      limits: { cpu: '4', memory: '8Gi' },
      pods: 20,
    },
    limitRange: {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
      max: { cpu: '2', memory: '4Gi' },
    },
  },
  medium: {
    name: 'medium',
    quota: {
      requests: { cpu: '4', memory: '8Gi' },
      limits: { cpu: '8', memory: '16Gi' },
      pods: 50,
    },
    limitRange: {
      defaultRequest: { cpu: '250m', memory: '256Mi' },
      default: { cpu: '1', memory: '1Gi' },
      max: { cpu: '4', memory: '8Gi' },
    },
  },
  large: {
    name: 'large',
    quota: {
      requests: { cpu: '8', memory: '16Gi' },
      limits: { cpu: '16', memory: '32Gi' },
      pods: 100,
    },
    limitRange: {
      defaultRequest: { cpu: '500m', memory: '512Mi' },
      default: { cpu: '2', memory: '2Gi' },
      max: { cpu: '8', memory: '16Gi' },
    },
  },
};

type ProfileWithoutSizes = Omit<NamespaceProfile, 'sizes'>;

const DEV: ProfileWithoutSizes = {
  podSecurity: 'baseline',
  networkPolicy: 'allow-same-namespace',
  ownerRole: 'edit',
};
const STAGING: ProfileWithoutSizes = {
  podSecurity: 'restricted',
  networkPolicy: 'allow-same-namespace',
  ownerRole: 'edit',
};
const PROD: ProfileWithoutSizes = {
  podSecurity: 'restricted',
  networkPolicy: 'deny-ingress',
  ownerRole: 'view',
};
/**
 * For an environment whose name says nothing about it: restricted Pod Security and ingress only from
 * the same namespace (as staging), so a workload that passes there passes everywhere; teams may edit.
 */
const GENERIC: ProfileWithoutSizes = STAGING;

const BY_NAME: Record<string, ProfileWithoutSizes> = {
  dev: DEV,
  development: DEV,
  staging: STAGING,
  stage: STAGING,
  prod: PROD,
  production: PROD,
};

/**
 * The namespace profile an environment gets when its config leaves the profile (or part of it)
 * out: by name for dev, staging and prod (and their long spellings), the generic profile otherwise.
 * Each call returns a fresh copy.
 */
export function defaultProfile(environmentName: string): NamespaceProfile {
  const base = BY_NAME[environmentName] ?? GENERIC;
  return { ...base, sizes: structuredClone(DEFAULT_SIZES) };
}

/**
 * Used when `guardrails.environments` is absent: each environment on the cluster of the same name,
 * stricter towards production (teams may edit in dev and staging, only view in prod).
 */
export function defaultEnvironments(): EnvironmentDefinition[] {
  return [
    { name: 'dev', title: 'Development', clusters: ['dev'] },
    { name: 'staging', title: 'Staging', clusters: ['staging'] },
    { name: 'prod', title: 'Production', clusters: ['prod'] },
  ].map(env => ({ ...env, profile: defaultProfile(env.name) }));
}
