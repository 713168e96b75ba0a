#!/usr/bin/env node
// Builds every publishable package of this repository (every workspace whose package.json is not private) and
// packs it with `npm pack`, as a release would publish it:
//
//   node test/install/pack.mjs [out-dir]        (default: dist/tarballs)
//
// The plugins a host installs go to <out-dir>/, the suite's libraries they depend on to <out-dir>/deps/, and the
// rest (the CLI, the kube simulator) to <out-dir>/tools/. Set GUARDRAILS_PACK_SKIP_TSC=1 when `npx tsc` has just run
// (the build of each package reads its declarations from dist-types/).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(repoRoot, 'node_modules/.bin/backstage-cli');

/** Every workspace package that is published: not `private`. */
export function publishablePackages() {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const found = [];
  for (const pattern of root.workspaces) {
    const base = join(repoRoot, pattern.replace(/\/\*$/, ''));
    for (const dir of readdirSync(base)) {
      const manifest = join(base, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.private) continue;
      found.push({
        dir: join(base, dir),
        name: pkg.name,
        version: pkg.version,
        pkg,
      });
    }
  }
  return found;
}

const PLUGIN_ROLES = new Set([
  'frontend-plugin',
  'backend-plugin',
  'backend-plugin-module',
  'frontend-plugin-module',
]);

/** Sorts packages into what a host installs (plugins), what they depend on (deps) and the rest (tools). */
export function classify(packages) {
  const byName = new Map(packages.map(p => [p.name, p]));
  const plugins = packages.filter(p => PLUGIN_ROLES.has(p.pkg.backstage?.role));
  const deps = new Set();
  const visit = p => {
    for (const name of Object.keys(p.pkg.dependencies ?? {})) {
      const dep = byName.get(name);
      if (dep && !deps.has(dep)) {
        deps.add(dep);
        visit(dep);
      }
    }
  };
  plugins.forEach(visit);
  const tools = packages.filter(p => !plugins.includes(p) && !deps.has(p));
  return { plugins, deps: [...deps].filter(p => !plugins.includes(p)), tools };
}

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

async function inParallel(items, limit, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

async function main() {
  const outDir = resolve(process.argv[2] ?? join(repoRoot, 'dist/tarballs'));
  const packages = publishablePackages();
  const { plugins, deps, tools } = classify(packages);
  if (!process.env.GUARDRAILS_PACK_SKIP_TSC) {
    console.log('pack: npx tsc (declarations for the builds)');
    run(join(repoRoot, 'node_modules/.bin/tsc'), [], repoRoot);
  }
  const { spawn } = await import('node:child_process');
  await inParallel(
    packages,
    2,
    p =>
      new Promise((res, rej) => {
        console.log(`pack: building ${p.name}`);
        const child = spawn(cli, ['package', 'build'], {
          cwd: p.dir,
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.on('exit', code =>
          code === 0
            ? res()
            : rej(new Error(`build of ${p.name} failed (${code})`)),
        );
      }),
  );
  rmSync(outDir, { recursive: true, force: true });
  for (const [group, list] of [
    ['.', plugins],
    ['deps', deps],
    ['tools', tools],
  ]) {
    const dest = join(outDir, group);
    mkdirSync(dest, { recursive: true });
    for (const p of list) {
      // npm pack runs the package's prepack/postpack (backstage-cli package prepack: the published manifest).
      const out = execFileSync(
        'npm',
        ['pack', '--silent', '--pack-destination', dest],
        {
          cwd: p.dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      console.log(`pack: ${join(group, out.trim().split('\n').pop())}`);
    }
  }
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main().catch(e => {
    console.error(`pack: ${e.message}`);
    process.exit(1);
  });
}
