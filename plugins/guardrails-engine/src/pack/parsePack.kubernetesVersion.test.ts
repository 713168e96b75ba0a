import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  compilePack,
  loadPackLayers,
  PackFile,
  PackValidationError,
  parsePack,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const IS_IP = 'object.spec.containers.all(c, !has(c.hostIP) || isIP(c.hostIP))';

function networkPack(): PackFile {
  return {
    path: 'platform/network.yaml',
    content: yamlDocuments(
      guardrailDocument('pod.no-privileged'),
      guardrailDocument('pod.host-ip', {
        validations: [{ expression: IS_IP, message: 'hostIP is no IP' }],
      }),
    ),
  };
}

function loadError(run: () => unknown): PackValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof PackValidationError) return error;
    throw error;
  }
  throw new Error('expected the pack not to load');
}

/** The line of the guardrail's expression in the file, counted from 1. */
function lineOf(file: PackFile, text: string, after: string): number {
  const lines = file.content.split('\n');
  const start = lines.findIndex(l => l.includes(after));
  return lines.findIndex((l, i) => i > start && l.includes(text)) + 1;
}

describe('parsePack with kubernetesVersion', () => {
  it('refuses a function newer than the release, naming file, guardrail, field, line, expression, function and release', () => {
    const file = networkPack();
    const error = loadError(() =>
      parsePack([file], { now: NOW, kubernetesVersion: '1.29' }),
    );
    expect(error.problems).toEqual([
      {
        file: 'platform/network.yaml',
        documentIndex: 1,
        documentName: 'pod.host-ip',
        field: 'spec.validations[0].expression',
        line: lineOf(file, 'isIP(', 'name: pod.host-ip'),
        message: expect.stringContaining(
          'isIP() needs Kubernetes 1.30 or later (kubernetesVersion is 1.29)',
        ),
      },
    ]);
    expect(error.problems[0].message).toContain(`expression: ${IS_IP}`);
    expect(error.message).toContain(
      `platform/network.yaml:${error.problems[0].line} (document 2 "pod.host-ip") spec.validations[0].expression: CEL expression does not compile: isIP() needs Kubernetes 1.30 or later`,
    );
  });

  it('checks variables and message expressions too', () => {
    const error = loadError(() =>
      parsePack(
        [
          {
            path: 'sets.yaml',
            content: yamlDocuments(
              guardrailDocument('pod.sets', {
                variables: [
                  {
                    name: 'names',
                    expression: 'sets.contains(["a"], ["a"])',
                  },
                ],
                validations: [
                  {
                    expression: 'true',
                    messageExpression: 'strings.quote("x")',
                  },
                ],
              }),
            ),
          },
        ],
        { now: NOW, kubernetesVersion: '1.28' },
      ),
    );
    expect(
      error.problems.map(p => [p.field, p.message.split('\n')[0]]),
    ).toEqual([
      [
        'spec.variables[0].expression',
        expect.stringContaining('sets.contains() needs Kubernetes 1.29'),
      ],
      [
        'spec.validations[0].messageExpression',
        expect.stringContaining('strings.quote() needs Kubernetes 1.29'),
      ],
    ]);
  });

  it('loads the same pack for the release that added the function, and without a release', () => {
    expect(
      parsePack([networkPack()], { now: NOW, kubernetesVersion: '1.30' }).pack
        .guardrails,
    ).toHaveLength(2);
    expect(
      parsePack([networkPack()], { now: NOW }).pack.guardrails,
    ).toHaveLength(2);
  });

  it('refuses a value that is no release once, naming the option', () => {
    expect(() =>
      parsePack([networkPack()], { now: NOW, kubernetesVersion: 'latest' }),
    ).toThrow(
      new TypeError(
        "kubernetesVersion 'latest' is not a Kubernetes release such as '1.30'",
      ),
    );
  });

  it('is applied to every layer loadPackLayers loads', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-k8s-'));
    try {
      fs.mkdirSync(path.join(root, 'base'));
      fs.mkdirSync(path.join(root, 'platform'));
      fs.writeFileSync(
        path.join(root, 'base', 'pods.yaml'),
        yamlDocuments(guardrailDocument('pod.no-privileged')),
      );
      const network = path.join(root, 'platform', 'network.yaml');
      fs.writeFileSync(network, networkPack().content);
      const dirs = [path.join(root, 'base'), path.join(root, 'platform')];
      const error = await loadPackLayers(dirs, fs.promises, {
        now: NOW,
        kubernetesVersion: '1.29',
      }).catch(e => e);
      expect(error).toBeInstanceOf(PackValidationError);
      expect(error.problems).toEqual([
        expect.objectContaining({
          file: network,
          documentName: 'pod.host-ip',
          message: expect.stringContaining(
            'isIP() needs Kubernetes 1.30 or later',
          ),
        }),
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('compilePack with kubernetesVersion', () => {
  it('reports a hand-built pack using a newer function, naming the guardrail and field', () => {
    const { pack } = parsePack([networkPack()], { now: NOW });
    const error = loadError(() =>
      compilePack(pack, { kubernetesVersion: '1.29' }),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        documentName: 'pod.host-ip',
        field: 'spec.validations[0].expression',
        message: expect.stringContaining(
          'isIP() needs Kubernetes 1.30 or later (kubernetesVersion is 1.29)',
        ),
      }),
    ]);
    expect(
      compilePack(pack, { kubernetesVersion: '1.30' }).guardrails,
    ).toHaveLength(2);
  });
});
