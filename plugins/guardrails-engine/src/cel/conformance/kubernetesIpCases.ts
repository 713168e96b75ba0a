/*
 * Ported from Kubernetes: staging/src/k8s.io/apiserver/pkg/cel/library/ip_test.go (TestIP).
 */
import { KubernetesCase, fails, holds } from './kubernetesCase';

const ip = (text: string) => ({ typed: 'net.IP', text });

export const IP_CASES: KubernetesCase[] = [
  { name: 'parse ipv4', expr: 'ip("192.168.0.1")', expect: ip('192.168.0.1') },
  fails(
    'parse invalid ipv4',
    'ip("192.168.0.1.0")',
    'evaluation',
    'ParseAddr("192.168.0.1.0"): IPv4 address too long',
  ),
  holds('isIP valid ipv4', 'isIP("192.168.0.1")'),
  holds('isIP invalid ipv4', 'isIP("192.168.0.1.0")', false),
  holds('ip.isCanonical valid ipv4', 'ip.isCanonical("127.0.0.1")'),
  fails(
    'ip.isCanonical invalid ipv4',
    'ip.isCanonical("127.0.0.1.0")',
    'evaluation',
    'ParseAddr("127.0.0.1.0"): IPv4 address too long',
  ),
  holds('ipv4 family', 'ip("192.168.0.1").family()', 4n),
  holds('ipv4 isUnspecified true', 'ip("0.0.0.0").isUnspecified()'),
  holds('ipv4 isUnspecified false', 'ip("127.0.0.1").isUnspecified()', false),
  holds('ipv4 isLoopback true', 'ip("127.0.0.1").isLoopback()'),
  holds('ipv4 isLoopback false', 'ip("1.2.3.4").isLoopback()', false),
  holds(
    'ipv4 isLinkLocalMulticast true',
    'ip("224.0.0.1").isLinkLocalMulticast()',
  ),
  holds(
    'ipv4 isLinkLocalMulticast false',
    'ip("224.0.1.1").isLinkLocalMulticast()',
    false,
  ),
  holds(
    'ipv4 isLinkLocalUnicast true',
    'ip("169.254.169.254").isLinkLocalUnicast()',
  ),
  holds(
    'ipv4 isLinkLocalUnicast false',
    'ip("192.168.0.1").isLinkLocalUnicast()',
    false,
  ),
  holds('ipv4 isGlobalUnicast true', 'ip("192.168.0.1").isGlobalUnicast()'),
  holds(
    'ipv4 isGlobalUnicast false',
    'ip("255.255.255.255").isGlobalUnicast()',
    false,
  ),
  {
    name: 'parse ipv6',
    expr: 'ip("2001:db8::68")',
    expect: ip('2001:db8::68'),
  },
  fails(
    'parse invalid ipv6',
    'ip("2001:db8:::68")',
    'evaluation',
    'ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")',
  ),
  holds('isIP valid ipv6', 'isIP("2001:db8::68")'),
  holds('isIP invalid ipv6', 'isIP("2001:db8:::68")', false),
  holds('ip.isCanonical valid ipv6', 'ip.isCanonical("2001:db8::68")'),
  holds(
    'ip.isCanonical non-canonical ipv6',
    'ip.isCanonical("2001:DB8::68")',
    false,
  ),
  fails(
    'ip.isCanonical invalid ipv6',
    'ip.isCanonical("2001:db8:::68")',
    'evaluation',
    'ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")',
  ),
  holds('ipv6 family', 'ip("2001:db8::68").family()', 6n),
  holds('ipv6 isUnspecified true', 'ip("::").isUnspecified()'),
  holds('ipv6 isUnspecified false', 'ip("::1").isUnspecified()', false),
  holds('ipv6 isLoopback true', 'ip("::1").isLoopback()'),
  holds('ipv6 isLoopback false', 'ip("2001:db8::abcd").isLoopback()', false),
  holds(
    'ipv6 isLinkLocalMulticast true',
    'ip("ff02::1").isLinkLocalMulticast()',
  ),
  holds(
    'ipv6 isLinkLocalMulticast false',
    'ip("fd00::1").isLinkLocalMulticast()',
    false,
  ),
  holds('ipv6 isLinkLocalUnicast true', 'ip("fe80::1").isLinkLocalUnicast()'),
  holds(
    'ipv6 isLinkLocalUnicast false',
    'ip("fd80::1").isLinkLocalUnicast()',
    false,
  ),
  holds('ipv6 isGlobalUnicast true', 'ip("2001:db8::abcd").isGlobalUnicast()'),
  holds('ipv6 isGlobalUnicast false', 'ip("ff00::1").isGlobalUnicast()', false),
  fails(
    'passing cidr into isIP returns compile error',
    'isIP(cidr("192.168.0.0/24"))',
    'compile',
    "found no matching overload for 'isIP' applied to '(net.CIDR)'",
  ),
  holds(
    'converting an IP address to a string',
    'string(ip("192.168.0.1"))',
    '192.168.0.1',
  ),
  holds('type of IP is net.IP', 'type(ip("192.168.0.1")) == net.IP'),
];
