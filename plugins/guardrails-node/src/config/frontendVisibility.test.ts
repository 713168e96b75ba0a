import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = require.resolve('@backstage/cli/bin/backstage-cli');

/** Cluster access as a platform team configures it, with an address that must stay in the backend. */
const CONFIG = `
kubernetes:
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: prod-eu-1
          title: Production EU
          url: https://api.prod-eu-1.internal.example:6443
          authProvider: serviceAccount
          serviceAccountToken: secret-token
          skipTLSVerify: false
guardrails:
  environments:
    prod:
      title: Production
      clusters: [prod-eu-1]
      profile:
        podSecurity: restricted
        networkPolicy: deny-all
        ownerRole: view
        sizes:
          small:
            quota: { requests: { cpu: '1', memory: 1Gi }, limits: { cpu: '2', memory: 2Gi }, pods: 10 }
            limitRange: { defaultRequest: { cpu: 100m, memory: 128Mi }, default: { cpu: 200m, memory: 256Mi } }
`;

describe('configuration served to the frontend', () => {
  it('holds nothing of cluster access, with the schemas of every workspace package', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-config-'));
    try {
      const file = path.join(dir, 'clusters.yaml');
      fs.writeFileSync(file, CONFIG);
      // `config:print` loads the config schema of every package of the workspace, as a built app would.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          CLI,
          'config:print',
          '--frontend',
          '--format',
          'json',
          '--config',
          path.join(ROOT, 'app-config.yaml'),
          '--config',
          file,
        ],
        { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
      );
      const printed = JSON.parse(stdout.slice(stdout.indexOf('{')));
      expect(printed.app).toBeDefined();
      expect(printed.kubernetes).toBeUndefined();
      expect(printed.guardrails?.environments).toBeUndefined();
      for (const leak of [
        'api.prod-eu-1.internal.example',
        '127.0.0.1',
        'prod-eu-1',
        'serviceAccount',
        'skipTLSVerify',
        'authProvider',
        'clusterLocatorMethods',
      ]) {
        expect(stdout).not.toContain(leak);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
