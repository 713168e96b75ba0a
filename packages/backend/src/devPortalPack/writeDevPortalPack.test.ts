import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { loadConfiguredPack } from '@guardrails-dev/plugin-guardrails-node';
import { parse } from 'yaml';
import { DEV_PORTAL_PACK_DIR, writeDevPortalPack } from './writeDevPortalPack';

// The dev portal's configuration: its clusters and environments, and the pack directory it names.
const appConfig = parse(
  readFileSync(join(__dirname, '../../../../app-config.yaml'), 'utf8'),
);

describe('the dev portal pack layer', () => {
  it('loads over the default pack with a block and an exemption expiry within 14 days of the start', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'dev-portal-pack-'));
    try {
      const start = new Date('2026-12-03T17:00:00.000Z');
      writeDevPortalPack(directory, start);
      // The dev portal's layer comes last, so its dates override every pack before it.
      expect(appConfig.guardrails.packs.at(-1)).toBe(
        `./${DEV_PORTAL_PACK_DIR}`,
      );
      const { pack } = await loadConfiguredPack(
        ConfigReader.fromConfigs([
          { data: appConfig, context: 'app-config.yaml' },
          { data: { guardrails: { packs: [directory] } }, context: 'test' },
        ]),
        { now: start },
      );
      const minReplicas = pack.guardrails.find(
        g => g.id === 'workload.min-replicas',
      );
      expect(minReplicas?.rollout.prod).toEqual([
        { level: 'observe' },
        { level: 'warn', from: '2026-11-03' },
        { level: 'block', from: '2026-12-13' },
      ]);
      expect(pack.exemptions).toEqual([
        expect.objectContaining({
          name: 'search-indexer-reindex-labels',
          owner: 'group:default/platform',
          expiresAt: '2026-12-13T00:00:00Z',
        }),
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
