import { ConfigReader } from '@backstage/config';
import { JsonRecord } from '../__testUtils__/json';
import { readEnvironments } from './readEnvironments';

const read = (environments: JsonRecord) =>
  readEnvironments(new ConfigReader({ guardrails: { environments } }));

const profileOf = (environments: JsonRecord, name: string) => {
  const env = read(environments).environments.find(e => e.name === name);
  if (!env) throw new Error(`no environment ${name}`);
  return env.profile;
};

const summary = (environments: JsonRecord, name: string) => {
  const { sizes, ...rest } = profileOf(environments, name);
  return { ...rest, sizes: Object.keys(sizes) };
};

const completeSize = {
  quota: {
    requests: { cpu: '1', memory: '1Gi' },
    limits: { cpu: '2', memory: '2Gi' },
    pods: 5,
  },
  limitRange: {
    defaultRequest: { cpu: '100m', memory: '128Mi' },
    default: { cpu: '200m', memory: '256Mi' },
  },
};

describe('readEnvironments: clusters alone are enough', () => {
  it('gives dev, staging and prod their profiles from the environment name', () => {
    const envs = {
      dev: { clusters: ['c1'] },
      staging: { clusters: ['c2'] },
      prod: { clusters: ['c3'] },
    };
    expect(summary(envs, 'dev')).toEqual({
      podSecurity: 'baseline',
      networkPolicy: 'allow-same-namespace',
      ownerRole: 'edit',
      sizes: ['small', 'medium', 'large'],
    });
    expect(summary(envs, 'staging')).toEqual({
      podSecurity: 'restricted',
      networkPolicy: 'allow-same-namespace',
      ownerRole: 'edit',
      sizes: ['small', 'medium', 'large'],
    });
    expect(summary(envs, 'prod')).toEqual({
      podSecurity: 'restricted',
      networkPolicy: 'deny-ingress',
      ownerRole: 'view',
      sizes: ['small', 'medium', 'large'],
    });
  });

  it('recognises the usual long spellings of the three names', () => {
    const envs = {
      development: { clusters: ['a'] },
      stage: { clusters: ['b'] },
      production: { clusters: ['c'] },
    };
    expect(summary(envs, 'development').podSecurity).toBe('baseline');
    expect(summary(envs, 'stage').networkPolicy).toBe('allow-same-namespace');
    expect(summary(envs, 'production').ownerRole).toBe('view');
  });

  it('gives any other name the safe generic profile', () => {
    const { environments, defaulted } = read({
      'eu-west': { clusters: ['k8s-eu-west-1'] },
    });
    expect(defaulted).toBe(false);
    expect(environments).toHaveLength(1);
    expect(environments[0].name).toBe('eu-west');
    expect(environments[0].title).toBe('eu-west');
    expect(environments[0].clusters).toEqual(['k8s-eu-west-1']);
    expect(summary({ 'eu-west': { clusters: ['x'] } }, 'eu-west')).toEqual({
      podSecurity: 'restricted',
      networkPolicy: 'allow-same-namespace',
      ownerRole: 'edit',
      sizes: ['small', 'medium', 'large'],
    });
  });

  it('takes each profile field that is left out from the default', () => {
    expect(
      summary(
        { prod: { clusters: ['p'], profile: { podSecurity: 'baseline' } } },
        'prod',
      ),
    ).toEqual({
      podSecurity: 'baseline',
      networkPolicy: 'deny-ingress',
      ownerRole: 'view',
      sizes: ['small', 'medium', 'large'],
    });
  });

  it('replaces the default sizes when sizes are given', () => {
    const profile = profileOf(
      { qa: { clusters: ['q'], profile: { sizes: { tiny: completeSize } } } },
      'qa',
    );
    expect(Object.keys(profile.sizes)).toEqual(['tiny']);
    expect(profile.sizes.tiny.quota.pods).toBe(5);
  });

  it('gives each environment its own copy of the default sizes', () => {
    const { environments } = read({
      a: { clusters: ['a'] },
      b: { clusters: ['b'] },
    });
    expect(environments[0].profile.sizes).not.toBe(
      environments[1].profile.sizes,
    );
    expect(environments[0].profile.sizes).toEqual(
      environments[1].profile.sizes,
    );
  });
});

describe('readEnvironments: a wrong config names the key and the fix', () => {
  it.each([
    [
      'an environment without clusters',
      { qa: { title: 'QA' } },
      "guardrails.environments.qa.clusters is missing; list the names of the environment's clusters from kubernetes.clusterLocatorMethods, for example clusters: [qa]",
    ],
    [
      'a misspelt clusters key',
      { qa: { cluster: ['qa'] } },
      "guardrails.environments.qa.cluster is not a setting; did you mean 'clusters'? An environment takes title, clusters, profile",
    ],
    [
      'a misspelt profile key',
      { qa: { clusters: ['qa'], profile: { podsecurity: 'restricted' } } },
      "guardrails.environments.qa.profile.podsecurity is not a setting; did you mean 'podSecurity'? A profile takes podSecurity, networkPolicy, ownerRole, sizes",
    ],
    [
      'an environment given as a list of clusters',
      { qa: ['qa'] },
      'guardrails.environments.qa must be an object such as { clusters: [qa] }',
    ],
    [
      'clusters given as a single string',
      { qa: { clusters: 'qa' } },
      'guardrails.environments.qa.clusters must be a list of cluster names, for example clusters: [qa]',
    ],
    [
      'an incomplete size',
      {
        qa: {
          clusters: ['qa'],
          profile: { sizes: { tiny: { quota: completeSize.quota } } },
        },
      },
      "Missing required config value at 'guardrails.environments.qa.profile.sizes.tiny.limitRange.defaultRequest.cpu'",
    ],
  ])('rejects %s', (_case, environments, message) => {
    expect(() => read(environments as JsonRecord)).toThrow(message);
  });
});

describe('readEnvironments: environment names are DNS-1123 labels', () => {
  const longest = 'e'.repeat(63);

  it.each([longest, 'eu-1', 'x'])('accepts %s', name => {
    expect(read({ [name]: { clusters: ['c'] } }).environments[0].name).toBe(
      name,
    );
  });

  it.each([
    ['64 characters', `${longest}e`],
    ['upper case', 'Prod'],
    ["'_', which a label value allows", 'prod_eu'],
    ["a trailing '-'", 'prod-'],
  ])('rejects %s', (_case, name) => {
    expect(() => read({ [name]: { clusters: ['c'] } })).toThrow(
      `guardrails.environments.${name}: '${name}' is not a valid environment name; use lower-case letters, digits and '-' (at most 63)`,
    );
  });
});

describe('readEnvironments: sizes compare as exact Kubernetes quantities', () => {
  const withLimitRange = (limitRange: JsonRecord) => ({
    qa: {
      clusters: ['qa'],
      profile: { sizes: { tiny: { ...completeSize, limitRange } } },
    },
  });

  it('accepts a default request equal to the default however it is spelt', () => {
    const environments = withLimitRange({
      defaultRequest: { cpu: '0.2', memory: '268435456' },
      default: { cpu: '200m', memory: '256Mi' },
    });
    expect(
      profileOf(environments, 'qa').sizes.tiny.limitRange.defaultRequest.cpu,
    ).toBe('0.2');
  });

  it('refuses a default request above the default by a nano-unit', () => {
    const environments = withLimitRange({
      defaultRequest: { cpu: '200000001n', memory: '256Mi' },
      default: { cpu: '200m', memory: '256Mi' },
    });
    expect(() => read(environments)).toThrow(
      'guardrails.environments.qa.profile.sizes.tiny.limitRange.defaultRequest.cpu (200000001n) is above',
    );
  });

  it('refuses a negative quantity', () => {
    const environments = withLimitRange({
      ...completeSize.limitRange,
      default: { cpu: '-200m', memory: '256Mi' },
    });
    expect(() => read(environments)).toThrow(
      "guardrails.environments.qa.profile.sizes.tiny.limitRange.default.cpu must be a Kubernetes quantity such as '500m' or '2Gi', got \"-200m\"",
    );
  });
});
