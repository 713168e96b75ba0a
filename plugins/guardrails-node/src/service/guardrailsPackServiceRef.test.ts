import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { recordingPlugin } from '../__testUtils__/recordingPlugin';
import {
  GuardrailsPack,
  guardrailsPackServiceRef,
} from './guardrailsPackServiceRef';

/** A cluster for each default environment; nothing here connects to them. */
const CLUSTERS = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: ['dev', 'staging', 'prod'].map(name => ({
          name,
          url: 'https://127.0.0.1:6443',
        })),
      },
    ],
  },
};

describe('guardrailsPackServiceRef', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-pack-service-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads and compiles the configured pack once for every plugin of a backend', async () => {
    const seen: GuardrailsPack[] = [];
    const backend = await startTestBackend({
      features: [
        recordingPlugin('first', guardrailsPackServiceRef, seen),
        recordingPlugin('second', guardrailsPackServiceRef, seen),
        mockServices.rootConfig.factory({ data: CLUSTERS }),
      ],
    });
    try {
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(seen[1]);
      const ids = seen[0].pack.guardrails.map(g => g.id);
      expect(ids).toContain('pod.no-privileged');
      expect(seen[0].compiled.guardrails.map(g => g.guardrail.id)).toEqual(ids);
    } finally {
      await backend.stop();
    }
  });

  it('fails startup naming the problem when the pack does not load', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'apiVersion: guardrails.dev/v1alpha1\nkind: Guardrail\nmetadata: { name: Not_An_Id }\nspec: {}\n',
    );
    await expect(
      startTestBackend({
        features: [
          recordingPlugin('first', guardrailsPackServiceRef, []),
          mockServices.rootConfig.factory({
            data: {
              ...CLUSTERS,
              guardrails: { includeDefaultPack: false, packs: [dir] },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/bad\.yaml/);
  });
});
