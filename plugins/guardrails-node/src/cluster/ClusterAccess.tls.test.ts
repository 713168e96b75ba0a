import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { clustersConfig } from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import { ClusterRequestError } from './ClusterRequestError';

describe('ClusterAccess over TLS', () => {
  let dir: string;
  let certPem: string;
  let server: https.Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    // A throwaway self-signed certificate for 127.0.0.1, like a private cluster CA would issue.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    certPem = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: certPem },
      (req, res) => {
        requests++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'NamespaceList',
            metadata: {},
            items: [
              {
                metadata: {
                  name: 'default',
                  authorization: req.headers.authorization,
                },
              },
            ],
          }),
        );
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests = 0;
  });

  const list = (cluster: Record<string, unknown>) =>
    ClusterAccess.fromConfig(
      clustersConfig([
        { name: 'secure', url, serviceAccountToken: 'sa-token', ...cluster },
      ]),
      {
        logger: mockServices.logger.mock(),
        backoff: { baseDelayMs: 1, maxDelayMs: 1 },
      },
    )
      .forCluster('secure')
      .listAll('v1', 'Namespace');

  it('trusts the CA given as caData and sends the token', async () => {
    const [ns] = await list({
      caData: Buffer.from(certPem).toString('base64'),
    });
    expect(ns.metadata).toEqual({
      name: 'default',
      authorization: 'Bearer sa-token',
    });
  });

  it('trusts the CA given as caFile', async () => {
    const items = await list({ caFile: path.join(dir, 'cert.pem') });
    expect(items).toHaveLength(1);
  });

  it('connects without verification only when skipTLSVerify is set', async () => {
    await expect(list({ skipTLSVerify: true })).resolves.toHaveLength(1);
  });

  it('refuses an untrusted certificate at once, saying what to configure', async () => {
    const error = await list({}).catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({ reason: 'TLSError', attempts: 1 });
    expect(error.message).toMatch(
      /^Cluster 'secure': list Namespace in all namespaces failed: TLSError \(.*self-signed.*\); check caData, caFile or skipTLSVerify of cluster 'secure' in kubernetes\.clusterLocatorMethods$/,
    );
    // The address is for the backend log, not for people reading the error.
    expect(error.message).not.toContain(new URL(url).host);
    expect(error.message).not.toMatch(/https?:\/\//);
    expect(requests).toBe(0);
  });

  it('names an unreadable CA file without retrying', async () => {
    const missing = path.join(dir, 'missing.pem');
    const error = await list({ caFile: missing }).catch(e => e);
    expect(error).toMatchObject({
      reason: 'ClientConfigurationError',
      attempts: 1,
    });
    expect(error.message).toContain(missing);
  });
});
