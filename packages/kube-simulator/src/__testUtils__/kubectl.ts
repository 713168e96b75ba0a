import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `kubectl` runs on this machine. */
export const kubectlAvailable = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const underCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Whether to run the kubectl tests: when kubectl is there, and always under CI, where a missing kubectl fails
 * them (.ci/setup/ensure-kubectl.sh installs it) instead of skipping them.
 */
export const runKubectlTests = kubectlAvailable || underCi;

if (!runKubectlTests) {
  // eslint-disable-next-line no-console
  console.warn('kubectl is not on PATH: skipping the kubectl tests');
}

/** The outcome of one kubectl run; failures do not throw. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A kubeconfig for a simulator URL in a temporary directory, and a runner using it. */
export function kubectlFor(server: () => string) {
  let dir = '';
  beforeAll(() => {
    if (!kubectlAvailable)
      throw new Error(
        'kubectl is not on PATH: run .ci/setup/ensure-kubectl.sh (the kubectl tests do not skip under CI)',
      );
    dir = mkdtempSync(join(tmpdir(), 'kube-simulator-kubectl-'));
    writeFileSync(
      join(dir, 'config'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sim', cluster: { server: server() } }],
        users: [{ name: 'user', user: {} }],
        contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'user' } }],
        'current-context': 'sim',
      }),
    );
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** Writes a manifest into the temporary directory and returns its path. */
    file(name: string, content: string): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    run(...args: string[]): Promise<KubectlResult> {
      return new Promise(resolve => {
        execFile(
          'kubectl',
          [
            '--kubeconfig',
            join(dir, 'config'),
            '--cache-dir',
            join(dir, 'cache'),
            ...args,
          ],
          (error, stdout, stderr) =>
            resolve({
              code: error ? Number((error as { code?: number }).code ?? 1) : 0,
              stdout,
              stderr,
            }),
        );
      });
    },
  };
}
