import { EnvironmentDefinition, SizeProfile } from './types';

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

/**
 * Used when `guardrails.environments` is absent: each environment on the cluster of the same name,
 * stricter towards production (teams may edit in dev and staging, only view in prod).
 */
export function defaultEnvironments(): EnvironmentDefinition[] {
  const sizes = () => structuredClone(DEFAULT_SIZES);
  return [
    {
      name: 'dev',
      title: 'Development',
      clusters: ['dev'],
      profile: {
        podSecurity: 'baseline',
        networkPolicy: 'allow-same-namespace',
        ownerRole: 'edit',
        sizes: sizes(),
      },
    },
    {
      name: 'staging',
      title: 'Staging',
      clusters: ['staging'],
      profile: {
        podSecurity: 'restricted',
        networkPolicy: 'allow-same-namespace',
        ownerRole: 'edit',
        sizes: sizes(),
      },
    },
    {
      name: 'prod',
      title: 'Production',
      clusters: ['prod'],
      profile: {
        podSecurity: 'restricted',
        networkPolicy: 'deny-ingress',
        ownerRole: 'view',
        sizes: sizes(),
      },
    },
  ];
}
