/*
 * The Kubernetes release that introduced each CEL function or syntax the
 * engine offers beyond the core language (k8s.io/apiserver/pkg/cel/environment
 * /base.go and library/library_compatibility_test.go). With a configured
 * kubernetesVersion, an expression using something newer does not load, as
 * the API server of that release would refuse it.
 */
import { CheckError } from './checkError';
import type { AstNode } from './instrument';

/** A release as [major, minor]; 'unreleased' for what no release has yet; 'absent' for what Kubernetes never enables. */
type Introduced = [number, number] | 'unreleased' | 'absent';

interface Use {
  what: string;
  introduced: Introduced;
}

const release = (minor: number): Introduced => [1, minor];

const NAMESPACES: Record<string, Introduced> = {
  strings: release(29),
  sets: release(29),
  format: release(31),
  optional: release(28),
  ip: release(30),
};

const FUNCTIONS: Record<string, Introduced> = {
  quantity: release(28),
  isQuantity: release(28),
  ip: release(30),
  isIP: release(30),
  cidr: release(30),
  isCIDR: release(30),
  semver: release(33),
  isSemver: release(33),
};

const METHODS_BY_RECEIVER: Record<string, Introduced> = {
  'kubernetes.Quantity': release(28),
  'net.IP': release(30),
  'net.CIDR': release(30),
  'kubernetes.NamedFormat': release(31),
  'kubernetes.Semver': release(33),
};

const UNRELEASED_QUANTITY_METHODS = new Set(['mul', 'div', 'divInt']);

function callUse(node: AstNode): Use | undefined {
  if (node.op === 'call') {
    const [name, args] = node.args as [string, AstNode[]];
    if (name === 'string' && args.length === 1) {
      const type = args[0].checkedType?.name ?? '';
      const introduced = METHODS_BY_RECEIVER[type];
      return introduced ? { what: `string(${type})`, introduced } : undefined;
    }
    const introduced = FUNCTIONS[name];
    return introduced ? { what: `${name}()`, introduced } : undefined;
  }
  if (node.op !== 'rcall') return undefined;
  const [name, receiver] = node.args as [string, AstNode];
  if (receiver.op === 'id' && NAMESPACES[receiver.args as string]) {
    return {
      what: `${receiver.args}.${name}()`,
      introduced: NAMESPACES[receiver.args as string],
    };
  }
  const type = receiver.checkedType?.name ?? '';
  if (type === 'kubernetes.Quantity' && UNRELEASED_QUANTITY_METHODS.has(name)) {
    return { what: `quantity ${name}()`, introduced: 'unreleased' };
  }
  if (name === 'format' && type === 'string')
    return { what: 'string format()', introduced: release(29) };
  const introduced = METHODS_BY_RECEIVER[type];
  return introduced ? { what: `${type} ${name}()`, introduced } : undefined;
}

function macroUse(macro: Record<string, unknown>): Use | undefined {
  if (typeof macro.kubernetes === 'string') {
    const [major, minor] = macro.kubernetes.split('.').map(Number);
    return { what: `${macro.kind ?? 'macro'}()`, introduced: [major, minor] };
  }
  if (typeof macro.functionDesc === 'string') {
    return { what: String(macro.functionDesc), introduced: release(28) };
  }
  if ('bindCtx' in macro) return { what: 'cel.bind()', introduced: 'absent' };
  return undefined;
}

function useOf(node: AstNode): Use | undefined {
  if (node.op === '.?' || node.op === '[?]')
    return { what: `optional ${node.op} selection`, introduced: release(28) };
  if ((node.meta as { optionalIndices?: unknown }).optionalIndices) {
    return {
      what: 'optional [?x] and {?k: v} literals',
      introduced: release(28),
    };
  }
  const macro = node.meta.macro as Record<string, unknown> | undefined;
  return macro ? macroUse(macro) : callUse(node);
}

/**
 * Parses a Kubernetes release such as '1.30' (or 'v1.30.2') to [major, minor];
 * throws an Error saying what a release looks like on anything else.
 * @public
 */
export function parseKubernetesVersion(text: string): [number, number] {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  if (!match)
    throw new Error(
      `kubernetesVersion '${text}' is not a Kubernetes release such as '1.30'`,
    );
  return [Number(match[1]), Number(match[2])];
}

function newer(
  introduced: [number, number],
  version: [number, number],
): boolean {
  return (
    introduced[0] > version[0] ||
    (introduced[0] === version[0] && introduced[1] > version[1])
  );
}

function problem(use: Use, version: [number, number]): string | undefined {
  const { what, introduced } = use;
  const shown = `${version[0]}.${version[1]}`;
  if (introduced === 'absent') return `${what} is not available in Kubernetes`;
  if (introduced === 'unreleased') {
    return `${what} is in no Kubernetes release yet (kubernetesVersion is ${shown})`;
  }
  if (!newer(introduced, version)) return undefined;
  return `${what} needs Kubernetes ${introduced[0]}.${introduced[1]} or later (kubernetesVersion is ${shown})`;
}

/** Reading order: the earlier start, then the narrower node (the call inside a method chain). */
function before(a: AstNode, b: AstNode): boolean {
  return a.start < b.start || (a.start === b.start && a.end < b.end);
}

/** Throws CheckError at the first use (in reading order) of something the configured release does not have. */
export function checkKubernetesVersion(
  nodes: Iterable<AstNode>,
  version: [number, number],
): void {
  let first: { node: AstNode; message: string } | undefined;
  for (const node of nodes) {
    const use = useOf(node);
    const message = use && problem(use, version);
    if (message && (!first || before(node, first.node))) {
      first = { node, message };
    }
  }
  if (first) throw new CheckError(first.message, first.node);
}
