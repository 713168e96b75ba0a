import { redactAddresses } from './redactAddresses';

describe('redactAddresses', () => {
  it.each([
    [
      'failed calling webhook "v.example.com": Post "https://policy.kyverno.svc:443/validate?timeout=10s": dial tcp 10.96.0.12:443: connect: connection refused',
      'failed calling webhook "v.example.com": Post "[address]": dial tcp [address]: connect: connection refused',
    ],
    [
      'dial tcp [fd00::12]:6443: i/o timeout',
      'dial tcp [address]: i/o timeout',
    ],
    [
      'cannot reach api.prod.internal:6443 or localhost:8080',
      'cannot reach [address] or [address]',
    ],
    ['node 192.168.1.4 is not ready', 'node [address] is not ready'],
  ])('takes the addresses out of %j', (text, redacted) => {
    expect(redactAddresses(text)).toBe(redacted);
  });

  it('leaves Kubernetes names and reasons as they are', () => {
    const text =
      'namespaces "team-a" is forbidden: User "system:serviceaccount:guardrails:audit" cannot list resource "namespaces" in API group "" at the cluster scope';
    expect(redactAddresses(text)).toBe(text);
  });
});
