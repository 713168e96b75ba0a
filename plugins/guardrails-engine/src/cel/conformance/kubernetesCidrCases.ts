/*
 * Ported from Kubernetes: staging/src/k8s.io/apiserver/pkg/cel/library/cidr_test.go (TestCIDR).
 */
import { KubernetesCase, fails, holds } from './kubernetesCase';

const cidr = (text: string) => ({ typed: 'net.CIDR', text });
const ip = (text: string) => ({ typed: 'net.IP', text });

export const CIDR_CASES: KubernetesCase[] = [
  fails(
    'compilation error for cidr(int)',
    'cidr(192168)',
    'compile',
    "found no matching overload for 'cidr' applied to '(int)'",
  ),
  {
    name: 'parse ipv4',
    expr: 'cidr(dyn("192.168.0.0/24"))',
    expect: cidr('192.168.0.0/24'),
  },
  fails(
    'parse invalid ipv4',
    'cidr("192.168.0.0/")',
    'evaluation',
    'netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""',
  ),
  holds(
    'contains IP ipv4 (IP)',
    'cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))',
  ),
  holds(
    'does not contain IP ipv4 (IP)',
    'cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))',
    false,
  ),
  holds(
    'contains IP ipv4 (string)',
    'cidr("192.168.0.0/24").containsIP("192.168.0.1")',
  ),
  holds(
    'does not contain IP ipv4 (string)',
    'cidr("192.168.0.0/24").containsIP("192.168.1.1")',
    false,
  ),
  holds(
    'contains CIDR ipv4 (CIDR)',
    'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))',
  ),
  holds(
    'does not contain IP ipv4 (CIDR)',
    'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))',
    false,
  ),
  holds(
    'contains CIDR ipv4 (string)',
    'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")',
  ),
  holds(
    'does not contain CIDR ipv4 (string)',
    'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")',
    false,
  ),
  {
    name: 'returns IP ipv4',
    expr: 'cidr("192.168.0.0/24").ip()',
    expect: ip('192.168.0.0'),
  },
  {
    name: 'masks masked ipv4',
    expr: 'cidr("192.168.0.0/24").masked()',
    expect: cidr('192.168.0.0/24'),
  },
  {
    name: 'masks unmasked ipv4',
    expr: 'cidr("192.168.0.1/24").masked()',
    expect: cidr('192.168.0.0/24'),
  },
  holds(
    'returns prefix length ipv4',
    'cidr("192.168.0.0/24").prefixLength()',
    24n,
  ),
  {
    name: 'parse ipv6',
    expr: 'cidr("2001:db8::/32")',
    expect: cidr('2001:db8::/32'),
  },
  fails(
    'parse invalid ipv6',
    'cidr("2001:db8::/")',
    'evaluation',
    'netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""',
  ),
  holds(
    'contains IP ipv6 (IP)',
    'cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))',
  ),
  holds(
    'does not contain IP ipv6 (IP)',
    'cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))',
    false,
  ),
  holds(
    'contains IP ipv6 (string)',
    'cidr("2001:db8::/32").containsIP("2001:db8::1")',
  ),
  holds(
    'does not contain IP ipv6 (string)',
    'cidr("2001:db8::/32").containsIP("2001:dc8::1")',
    false,
  ),
  holds(
    'contains CIDR ipv6 (CIDR)',
    'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))',
  ),
  holds(
    'does not contain IP ipv6 (CIDR)',
    'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))',
    false,
  ),
  holds(
    'contains CIDR ipv6 (string)',
    'cidr("2001:db8::/32").containsCIDR("2001:db8::/33")',
  ),
  holds(
    'does not contain CIDR ipv6 (string)',
    'cidr("2001:db8::/32").containsCIDR("2001:db8::/31")',
    false,
  ),
  {
    name: 'returns IP ipv6',
    expr: 'cidr("2001:db8::/32").ip()',
    expect: ip('2001:db8::'),
  },
  {
    name: 'masks masked ipv6',
    expr: 'cidr("2001:db8::/32").masked()',
    expect: cidr('2001:db8::/32'),
  },
  {
    name: 'masks unmasked ipv6',
    expr: 'cidr("2001:db8:1::/32").masked()',
    expect: cidr('2001:db8::/32'),
  },
  holds(
    'returns prefix length ipv6',
    'cidr("2001:db8::/32").prefixLength()',
    32n,
  ),
  holds(
    'converting a CIDR to a string',
    'string(cidr("192.168.0.0/24"))',
    '192.168.0.0/24',
  ),
  holds('type of CIDR is net.CIDR', 'type(cidr("192.168.0.0/24")) == net.CIDR'),
];
