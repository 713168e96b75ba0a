import {
  exemptionDocument,
  guardrailDocument,
  yamlDocuments,
} from '../__testing__/documents';
import { thrownBy } from '../__testing__/files';
import { mergePacks, PackValidationError, parsePack } from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const parse = (
  path: string,
  documents: unknown[],
  knownGuardrailIds: string[] = [],
) =>
  parsePack([{ path, content: yamlDocuments(...documents) }], {
    now: NOW,
    knownGuardrailIds,
  }).pack;

const base = parse('default.yaml', [
  guardrailDocument('pod.one', { params: { registries: ['a.io/'] } }),
  guardrailDocument('pod.two'),
  exemptionDocument('ex', { guardrails: ['pod.one'] }),
]);

describe('mergePacks', () => {
  it('replaces guardrails by ID in place, appends new ones and replaces exemptions by name', () => {
    const platform = parse(
      'platform.yaml',
      [
        guardrailDocument('pod.one', {
          title: 'Stricter one',
          params: { registries: ['b.io/'] },
        }),
        guardrailDocument('pod.three'),
        exemptionDocument('ex', { guardrails: ['pod.two'] }),
      ],
      ['pod.two'],
    );
    const merged = mergePacks(base, platform);
    expect(
      merged.guardrails.map(g => [g.id, g.title, g.location?.file]),
    ).toEqual([
      ['pod.one', 'Stricter one', 'platform.yaml'],
      ['pod.two', 'Title of pod.two', 'default.yaml'],
      ['pod.three', 'Title of pod.three', 'platform.yaml'],
    ]);
    expect(merged.exemptions.map(e => [e.name, e.guardrails])).toEqual([
      ['ex', ['pod.two']],
    ]);
    expect(merged.overrides).toEqual([]);
  });

  it('applies overrides of base guardrails', () => {
    const platform = parse(
      'platform.yaml',
      [
        {
          apiVersion: 'guardrails.dev/v1alpha1',
          kind: 'GuardrailOverride',
          metadata: { name: 'pod.one' },
          spec: {
            params: { registries: ['ghcr.io/acme/'] },
            rollout: { prod: [{ level: 'warn' }] },
          },
        },
      ],
      ['pod.one'],
    );
    const merged = mergePacks(base, platform);
    expect(merged.guardrails[0]).toMatchObject({
      id: 'pod.one',
      params: { registries: ['ghcr.io/acme/'] },
      rollout: { prod: [{ level: 'warn' }] },
    });
    // The inputs are not changed.
    expect(base.guardrails[0].params).toEqual({ registries: ['a.io/'] });
  });

  it('rejects overrides and exemptions that name guardrails neither pack has', () => {
    const platform = parse(
      'platform.yaml',
      [
        {
          apiVersion: 'guardrails.dev/v1alpha1',
          kind: 'GuardrailOverride',
          metadata: { name: 'pod.one' },
          spec: { params: { registry: 'x' } },
        },
        exemptionDocument('ghost', { guardrails: ['pod.ghost'] }),
      ],
      ['pod.one', 'pod.ghost'],
    );
    const error = thrownBy(() => mergePacks(base, platform));
    expect(error).toBeInstanceOf(PackValidationError);
    expect((error as PackValidationError).problems).toEqual([
      {
        file: 'platform.yaml',
        documentIndex: 0,
        documentName: 'pod.one',
        field: 'spec.params.registry',
        message:
          'guardrail pod.one has no parameter "registry" (it has: registries)',
      },
      {
        file: 'platform.yaml',
        documentIndex: 1,
        documentName: 'ghost',
        field: 'spec.guardrails[0]',
        message: 'unknown guardrail "pod.ghost"',
      },
    ]);
  });
});
