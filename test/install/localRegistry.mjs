// A read-only npm registry on loopback serving the packed tarballs, so the install test can run the README's
// registry lines (`npm install @guardrails-dev/…`) as they will run once the packages are published: npm resolves
// each package and the suite's libraries it depends on by their semver ranges, from packuments, as from
// registry.npmjs.org. Only the @guardrails-dev scope is pointed here; everything else comes from the real registry.
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function tarballsIn(dir) {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return tarballsIn(path);
    return entry.endsWith('.tgz') ? [path] : [];
  });
}

function manifestOf(file) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

async function serve(tarballDir) {
  const packages = new Map(); // name -> { versions: Map<version, { manifest, file, integrity, shasum }> }
  const files = new Map(); // tarball file name -> path
  for (const file of tarballsIn(tarballDir)) {
    const manifest = manifestOf(file);
    const bytes = readFileSync(file);
    const entry = {
      manifest,
      name: file.split('/').pop(),
      integrity: `sha512-${createHash('sha512')
        .update(bytes)
        .digest('base64')}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
    };
    files.set(entry.name, file);
    if (!packages.has(manifest.name)) packages.set(manifest.name, new Map());
    packages.get(manifest.name).set(manifest.version, entry);
  }

  let url;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/-/tarballs/')) {
      const file = files.get(path.slice('/-/tarballs/'.length));
      if (!file) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return createReadStream(file).pipe(res);
    }
    const versions = packages.get(path.slice(1));
    if (!versions) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'not found' }));
    }
    const packument = {
      name: path.slice(1),
      'dist-tags': { latest: [...versions.keys()].pop() },
      versions: Object.fromEntries(
        [...versions].map(([version, entry]) => [
          version,
          {
            ...entry.manifest,
            _id: `${entry.manifest.name}@${version}`,
            dist: {
              tarball: `${url}/-/tarballs/${encodeURIComponent(entry.name)}`,
              integrity: entry.integrity,
              shasum: entry.shasum,
            },
          },
        ]),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(packument));
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  return url;
}

/**
 * Starts the registry in a process of its own (the test runs npm synchronously, which would stall a server in its
 * own event loop); resolves to its URL and a `close()`.
 */
export function startLocalRegistry(tarballDir) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), tarballDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`the local registry exited with ${code}`)),
    );
    child.stdout.once('data', data =>
      resolve({
        url: data.toString().trim(),
        close: () => child.kill(),
      }),
    );
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  serve(process.argv[2]).then(url => console.log(url));
}
