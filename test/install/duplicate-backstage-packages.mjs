#!/usr/bin/env node
// Lists @backstage packages installed more than once under node_modules (the root's and every
// workspace's). A host at the supported Backstage release should get exactly one copy of each;
// a second copy means some range here (or in a dependency) stops short of that release.
//
// Usage: node test/install/duplicate-backstage-packages.mjs [--scope @backstage] [--json]
// Exit code 1 when a duplicate is found, so CI can run it after `npm install`.
import { readdirSync, readFileSync, existsSync, lstatSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const scope = args.includes('--scope')
  ? args[args.indexOf('--scope') + 1]
  : '@backstage';
const asJson = args.includes('--json');
const root = resolve(args.find(a => !a.startsWith('--') && a !== scope) ?? '.');

/** name -> [{ version, path }] */
const copies = new Map();

function visitNodeModules(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = join(dir, entry);
    if (entry.startsWith('@')) {
      for (const sub of readdirSync(full))
        visitPackage(join(full, sub), `${entry}/${sub}`);
    } else {
      visitPackage(full, entry);
    }
  }
}

function visitPackage(dir, name) {
  if (lstatSync(dir).isSymbolicLink()) return; // workspace links are visited as workspaces
  const manifest = join(dir, 'package.json');
  if (name.startsWith(`${scope}/`) && existsSync(manifest)) {
    const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (!copies.has(name)) copies.set(name, []);
    copies.get(name).push({ version, path: relative(root, dir) });
  }
  visitNodeModules(join(dir, 'node_modules'));
}

visitNodeModules(join(root, 'node_modules'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const pattern of pkg.workspaces ?? []) {
  const base = join(root, pattern.replace(/\/\*$/, ''));
  if (!existsSync(base)) continue;
  for (const ws of readdirSync(base))
    visitNodeModules(join(base, ws, 'node_modules'));
}

const duplicated = [...copies.entries()]
  .filter(([, list]) => list.length > 1)
  .sort(([a], [b]) => a.localeCompare(b));

if (asJson) {
  console.log(
    JSON.stringify(
      { packages: copies.size, duplicated: Object.fromEntries(duplicated) },
      null,
      2,
    ),
  );
} else {
  for (const [name, list] of duplicated) {
    console.log(
      `${name}: ${list.map(c => `${c.version} (${c.path})`).join(', ')}`,
    );
  }
  console.log(
    `${copies.size} ${scope} packages installed, ${duplicated.length} with more than one copy`,
  );
}
process.exitCode = duplicated.length > 0 ? 1 : 0;
