import { JsonRecord } from '../__testUtils__/json';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readGuardrailsConfig } from './readGuardrailsConfig';
import { quotaToHard } from './quotaToHard';

const cluster = (name: string, extra: JsonRecord = {}) => ({
  name,
  url: `https://${name}.k8s.example.com`,
  authProvider: 'serviceAccount',
  serviceAccountToken: `token-of-${name}`,
  ...extra,
});

const size = {
  quota: {
    requests: { cpu: 2, memory: '4Gi' },
    limits: { cpu: '4', memory: '8Gi' },
    pods: 20,
  },
  limitRange: {
    defaultRequest: { cpu: '100m', memory: '128Mi' },
    default: { cpu: '500m', memory: '512Mi' },
    max: { cpu: '2', memory: '4Gi' },
  },
};

const profile = (overrides: JsonRecord = {}) => ({
  podSecurity: 'restricted',
  networkPolicy: 'deny-ingress',
  ownerRole: 'view',
  sizes: { small: size },
  ...overrides,
});

function configWith(options: {
  clusters?: Array<JsonRecord>;
  guardrails?: JsonRecord;
  locators?: Array<JsonRecord>;
}) {
  return new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: options.locators ?? [
        { type: 'config', clusters: options.clusters ?? [] },
      ],
    },
    ...(options.guardrails ? { guardrails: options.guardrails } : {}),
  });
}

const oneEnvironment = (env: JsonRecord) => ({
  environments: { prod: { clusters: ['prod'], profile: profile(), ...env } },
});

describe('readGuardrailsConfig', () => {
  it('reads clusters, environments in order and profiles', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [cluster('dev-eu'), cluster('prod-eu', { title: 'Prod EU' })],
        guardrails: {
          environments: {
            qa: {
              title: 'Quality',
              clusters: ['dev-eu'],
              profile: profile({ podSecurity: 'baseline', ownerRole: 'edit' }),
            },
            live: { clusters: ['prod-eu', 'dev-eu'], profile: profile() },
          },
          maxExemptionDays: 30,
          clusterRequests: { timeout: '2s', maxAttempts: 2 },
        },
      }),
    );

    expect(result.clusters).toEqual([
      {
        name: 'dev-eu',
        title: 'dev-eu',
        url: 'https://dev-eu.k8s.example.com',
        authProvider: 'serviceAccount',
        skipTLSVerify: false,
      },
      {
        name: 'prod-eu',
        title: 'Prod EU',
        url: 'https://prod-eu.k8s.example.com',
        authProvider: 'serviceAccount',
        skipTLSVerify: false,
      },
    ]);
    expect(result.environments.map(e => [e.name, e.title, e.clusters])).toEqual(
      [
        ['qa', 'Quality', ['dev-eu']],
        ['live', 'live', ['prod-eu', 'dev-eu']],
      ],
    );
    expect(result.environments[0].profile).toEqual({
      podSecurity: 'baseline',
      networkPolicy: 'deny-ingress',
      ownerRole: 'edit',
      sizes: {
        small: {
          name: 'small',
          quota: {
            requests: { cpu: '2', memory: '4Gi' },
            limits: { cpu: '4', memory: '8Gi' },
            pods: 20,
          },
          limitRange: size.limitRange,
        },
      },
    });
    expect(result.maxExemptionDays).toBe(30);
    expect(result.clusterRequests).toEqual({ timeoutMs: 2000, maxAttempts: 2 });
  });

  it('keeps credentials out of the result', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [cluster('prod', { caData: 'Y2EtZGF0YQ==' })],
        guardrails: oneEnvironment({}),
      }),
    );
    const text = JSON.stringify(result);
    expect(text).not.toContain('token-of-prod');
    expect(text).not.toContain('Y2EtZGF0YQ==');
  });

  it('defaults to dev, staging and prod on the clusters of the same names', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [cluster('dev'), cluster('staging'), cluster('prod')],
      }),
    );
    expect(
      result.environments.map(e => ({
        name: e.name,
        clusters: e.clusters,
        podSecurity: e.profile.podSecurity,
        ownerRole: e.profile.ownerRole,
        sizes: Object.keys(e.profile.sizes),
      })),
    ).toEqual([
      {
        name: 'dev',
        clusters: ['dev'],
        podSecurity: 'baseline',
        ownerRole: 'edit',
        sizes: ['small', 'medium', 'large'],
      },
      {
        name: 'staging',
        clusters: ['staging'],
        podSecurity: 'restricted',
        ownerRole: 'edit',
        sizes: ['small', 'medium', 'large'],
      },
      {
        name: 'prod',
        clusters: ['prod'],
        podSecurity: 'restricted',
        ownerRole: 'view',
        sizes: ['small', 'medium', 'large'],
      },
    ]);
    expect(result.clusterRequests).toEqual({
      timeoutMs: 10_000,
      maxAttempts: 4,
    });
    expect(result.maxExemptionDays).toBeUndefined();
  });

  it('explains that defaults need clusters named dev, staging and prod', () => {
    expect(() =>
      readGuardrailsConfig(configWith({ clusters: [cluster('dev')] })),
    ).toThrow(
      "guardrails.environments is not set, so the default environment 'staging' uses cluster 'staging'; it is not in kubernetes.clusterLocatorMethods (type: config); configured clusters: dev; map your clusters to environments with guardrails.environments.<env>.clusters, for example guardrails.environments.staging.clusters: [dev]",
    );
  });

  it('ignores locator types that belong to the Kubernetes plugin', () => {
    const result = readGuardrailsConfig(
      configWith({
        locators: [
          { type: 'catalog' },
          { type: 'config', clusters: [cluster('prod')] },
          { type: 'gke', projectId: 'x' },
        ],
        guardrails: oneEnvironment({}),
      }),
    );
    expect(result.clusters.map(c => c.name)).toEqual(['prod']);
  });

  it('leaves out clusters with other auth providers that no environment uses', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [cluster('prod'), cluster('eks', { authProvider: 'aws' })],
        guardrails: oneEnvironment({}),
      }),
    );
    expect(result.clusters.map(c => c.name)).toEqual(['prod']);
  });

  it('accepts http on loopback and with an explicit skipTLSVerify', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [
          cluster('prod', { url: 'http://127.0.0.1:6443/' }),
          cluster('lab', {
            url: 'http://lab.internal:8080',
            skipTLSVerify: true,
          }),
        ],
        guardrails: oneEnvironment({}),
      }),
    );
    expect(result.clusters.map(c => [c.url, c.skipTLSVerify])).toEqual([
      ['http://127.0.0.1:6443', false],
      ['http://lab.internal:8080', true],
    ]);
  });

  it('resolves pack directories after the default pack', () => {
    const withDefault = readGuardrailsConfig(
      configWith({
        clusters: [cluster('prod')],
        guardrails: { ...oneEnvironment({}), packs: ['policies/extra'] },
      }),
    );
    expect(withDefault.packDirectories).toHaveLength(2);
    expect(withDefault.packDirectories[0]).toMatch(
      /guardrails-engine[\\/]packs[\\/]default$/,
    );
    expect(withDefault.packDirectories[1]).toBe(path.resolve('policies/extra'));

    const withoutDefault = readGuardrailsConfig(
      configWith({
        clusters: [cluster('prod')],
        guardrails: {
          ...oneEnvironment({}),
          includeDefaultPack: false,
          packs: ['/srv/packs'],
        },
      }),
    );
    expect(withoutDefault.packDirectories).toEqual([
      path.resolve('/srv/packs'),
    ]);
  });

  describe('errors name the config key', () => {
    const prodSize = (patch: JsonRecord) =>
      oneEnvironment({
        profile: profile({ sizes: { small: { ...size, ...patch } } }),
      });

    it.each([
      [
        'an environment naming an unknown cluster',
        [cluster('prod')],
        {
          environments: {
            prod: { clusters: ['prod', 'prod-eu'], profile: profile() },
          },
        },
        "guardrails.environments.prod.clusters[1] names cluster 'prod-eu' which is not in kubernetes.clusterLocatorMethods (type: config); configured clusters: prod",
      ],
      [
        'an environment naming a cluster of an unsupported auth provider',
        [cluster('prod', { authProvider: 'aws' })],
        oneEnvironment({}),
        "guardrails.environments.prod.clusters[0] names cluster 'prod' which has authProvider 'aws' (kubernetes.clusterLocatorMethods[0].clusters[0].authProvider); Guardrails supports only 'serviceAccount'",
      ],
      [
        'a cluster listed twice in an environment',
        [cluster('prod')],
        oneEnvironment({ clusters: ['prod', 'prod'] }),
        "guardrails.environments.prod.clusters[1] names cluster 'prod' which is listed twice",
      ],
      [
        'duplicate cluster names',
        [cluster('prod'), cluster('prod')],
        oneEnvironment({}),
        "kubernetes.clusterLocatorMethods[0].clusters[1].name 'prod' is already defined at kubernetes.clusterLocatorMethods[0].clusters[0]",
      ],
      [
        'an invalid URL',
        [cluster('prod', { url: 'not a url' })],
        oneEnvironment({}),
        "kubernetes.clusterLocatorMethods[0].clusters[0].url 'not a url' is not a valid URL",
      ],
      [
        'http to a remote host without skipTLSVerify',
        [cluster('prod', { url: 'http://prod.example.com' })],
        oneEnvironment({}),
        "kubernetes.clusterLocatorMethods[0].clusters[0].url 'http://prod.example.com' uses http: on a non-loopback host",
      ],
      [
        'an empty token',
        [cluster('prod', { serviceAccountToken: ' ' })],
        oneEnvironment({}),
        'kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken is empty',
      ],
      [
        'both caData and caFile',
        [cluster('prod', { caData: 'YQ==', caFile: '/etc/ca.pem' })],
        oneEnvironment({}),
        'kubernetes.clusterLocatorMethods[0].clusters[0] sets both caData and caFile',
      ],
      [
        'an unknown Pod Security level',
        [cluster('prod')],
        oneEnvironment({ profile: profile({ podSecurity: 'strict' }) }),
        "guardrails.environments.prod.profile.podSecurity is 'strict'; expected one of 'privileged', 'baseline', 'restricted'",
      ],
      [
        'an unknown network policy mode',
        [cluster('prod')],
        oneEnvironment({ profile: profile({ networkPolicy: 'open' }) }),
        "guardrails.environments.prod.profile.networkPolicy is 'open'; expected one of 'deny-all', 'deny-ingress', 'allow-same-namespace'",
      ],
      [
        'an empty owner role',
        [cluster('prod')],
        oneEnvironment({ profile: profile({ ownerRole: ' ' }) }),
        'guardrails.environments.prod.profile.ownerRole must not be empty',
      ],
      [
        'a quantity that is not one',
        [cluster('prod')],
        prodSize({
          quota: { ...size.quota, limits: { cpu: 'four', memory: '8Gi' } },
        }),
        `guardrails.environments.prod.profile.sizes.small.quota.limits.cpu must be a Kubernetes quantity such as '500m' or '2Gi', got "four"`,
      ],
      [
        'a default request above the default limit',
        [cluster('prod')],
        prodSize({
          limitRange: {
            ...size.limitRange,
            defaultRequest: { cpu: '1', memory: '128Mi' },
          },
        }),
        'guardrails.environments.prod.profile.sizes.small.limitRange.defaultRequest.cpu (1) is above guardrails.environments.prod.profile.sizes.small.limitRange.default.cpu (500m)',
      ],
      [
        'a default limit above the maximum',
        [cluster('prod')],
        prodSize({
          limitRange: {
            ...size.limitRange,
            max: { cpu: '2', memory: '256Mi' },
          },
        }),
        'guardrails.environments.prod.profile.sizes.small.limitRange.default.memory (512Mi) is above guardrails.environments.prod.profile.sizes.small.limitRange.max.memory (256Mi)',
      ],
      [
        'a fractional pod count',
        [cluster('prod')],
        prodSize({ quota: { ...size.quota, pods: 2.5 } }),
        'guardrails.environments.prod.profile.sizes.small.quota.pods must be a positive integer, got 2.5',
      ],
      [
        'an environment name that cannot be a label value',
        [cluster('prod')],
        {
          environments: { Prod_EU: { clusters: ['prod'], profile: profile() } },
        },
        "guardrails.environments.Prod_EU: 'Prod_EU' is not a valid environment name",
      ],
      [
        'an environment without clusters',
        [cluster('prod')],
        oneEnvironment({ clusters: [] }),
        'guardrails.environments.prod.clusters must name at least one cluster',
      ],
      [
        'an environment without sizes',
        [cluster('prod')],
        oneEnvironment({ profile: profile({ sizes: {} }) }),
        'guardrails.environments.prod.profile.sizes must define at least one size',
      ],
      [
        'too many attempts',
        [cluster('prod')],
        { ...oneEnvironment({}), clusterRequests: { maxAttempts: 50 } },
        'guardrails.clusterRequests.maxAttempts must be a whole number from 1 to 10, got 50',
      ],
      [
        'a timeout in days',
        [cluster('prod')],
        { ...oneEnvironment({}), clusterRequests: { timeout: { days: 1 } } },
        "guardrails.clusterRequests.timeout may only use milliseconds, seconds, minutes or hours, got 'days'",
      ],
      [
        'a fractional exemption span',
        [cluster('prod')],
        { ...oneEnvironment({}), maxExemptionDays: 1.5 },
        'guardrails.maxExemptionDays must be a positive whole number of days, got 1.5',
      ],
    ])('rejects %s', (_case, clusters, guardrails, message) => {
      expect(() =>
        readGuardrailsConfig(configWith({ clusters, guardrails })),
      ).toThrow(message);
    });

    it('fills a profile field that is left out from the default profile', () => {
      const { ownerRole: _omitted, ...withoutRole } = profile();
      const result = readGuardrailsConfig(
        configWith({
          clusters: [cluster('prod')],
          guardrails: oneEnvironment({ profile: withoutRole }),
        }),
      );
      expect(result.environments[0].profile.ownerRole).toBe('view');
    });
  });

  it('starts with one cluster and an environment that names only it', () => {
    const result = readGuardrailsConfig(
      configWith({
        clusters: [cluster('k8s-main')],
        guardrails: { environments: { main: { clusters: ['k8s-main'] } } },
      }),
    );
    expect(result.environments).toMatchObject([
      {
        name: 'main',
        clusters: ['k8s-main'],
        profile: { podSecurity: 'restricted', ownerRole: 'edit' },
      },
    ]);
  });
});

describe('quotaToHard', () => {
  it('spells the quota as ResourceQuota spec.hard', () => {
    const [env] = readGuardrailsConfig(
      configWith({
        clusters: [cluster('prod')],
        guardrails: oneEnvironment({}),
      }),
    ).environments;
    expect(quotaToHard(env.profile.sizes.small)).toEqual({
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      pods: '20',
    });
  });
});
