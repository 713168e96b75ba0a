#!/usr/bin/env node
// Checks that every publishable package declares exactly the dependencies its source imports:
//
//   node test/install/check-dependencies.mjs
//
// For each package (every non-private workspace) it reads the bare import specifiers of src/** and config.d.ts
// (`import … from`, `export … from`, `import('…')`, `require('…')`, side-effect `import '…'`), maps
// `@scope/name/sub` to `@scope/name` and `name/sub` to `name`, and ignores Node builtins and relative paths.
// Imports from tests (`*.test.*`, `*.spec.*`, `setupTests.*`, `__testUtils__/`, `__fixtures__/`, `__testing__/`,
// `__mocks__/`) are dev imports; every other file is a runtime import.
//
// It fails (exit 1) when a package
//   - imports at run time something not in dependencies or peerDependencies (undeclared),
//   - imports in tests something in none of dependencies, devDependencies, peerDependencies (undeclared dev),
//   - declares in dependencies something only its tests import (belongs in devDependencies),
//   - declares a dependency or devDependency it never imports (unused).
// `@types/x` counts as used when `x` is imported (in dependencies only when a runtime file imports `x`).
// Known exceptions are in ALLOWED below, each with its reason.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Declared but not imported on purpose: package name → { dependency: reason }. '*' applies to every package. */
const ALLOWED = {
  '*': {
    '@backstage/cli':
      'devDependency used by the package scripts (build, lint, test, prepack)',
  },
  '@guardrails-dev/plugin-guardrails': {
    react:
      'peerDependency (the host app provides it); also a devDependency so tests have one copy',
    'react-dom':
      'peerDependency (the host app provides it); also a devDependency so tests render',
    'react-router-dom':
      'peerDependency (the host app provides it); also a devDependency for the test app',
    '@testing-library/dom':
      'devDependency: peer of @testing-library/react and @testing-library/user-event',
  },
  '@guardrails-dev/plugin-guardrails-backend': {
    'better-sqlite3':
      'devDependency: the SQLite driver knex loads by name in the database tests',
    pg: 'devDependency: the PostgreSQL driver knex loads by name in the database tests',
    'openapi-typescript':
      'devDependency: run by `npm run openapi:generate` / `openapi:verify` to generate the schema types',
  },
};

const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));

function publishablePackages() {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const found = [];
  for (const pattern of root.workspaces) {
    const base = join(repoRoot, pattern.replace(/\/\*$/, ''));
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (!pkg.private) found.push({ dir, pkg });
    }
  }
  return found;
}

function sourceFiles(dir) {
  const out = [];
  const walk = d => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules') continue;
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(entry)) out.push(p);
    }
  };
  if (existsSync(join(dir, 'src'))) walk(join(dir, 'src'));
  if (existsSync(join(dir, 'config.d.ts'))) out.push(join(dir, 'config.d.ts'));
  return out;
}

function isTestFile(rel) {
  return (
    /(^|\/)(__testUtils__|__fixtures__|__testing__|__mocks__)\//.test(rel) ||
    /\.(test|spec)\.[cm]?[jt]sx?$/.test(rel) ||
    /(^|\/)setupTests\.[cm]?[jt]sx?$/.test(rel)
  );
}

const specifierPatterns = [
  /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bjest\.(?:mock|requireActual|requireMock)\s*\(\s*['"]([^'"]+)['"]/g,
];

function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (builtins.has(specifier) || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@')
    ? parts.slice(0, 2).join('/')
    : parts[0];
  if (builtins.has(name)) return undefined;
  return name;
}

function importsOf(file) {
  const text = stripComments(readFileSync(file, 'utf8'));
  const names = new Set();
  for (const pattern of specifierPatterns) {
    for (const match of text.matchAll(pattern)) {
      const name = packageOf(match[1]);
      if (name) names.add(name);
    }
  }
  return names;
}

const typesTarget = name => {
  const bare = name.slice('@types/'.length);
  return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
};

let failures = 0;
for (const { dir, pkg } of publishablePackages()) {
  const runtime = new Set();
  const dev = new Set();
  for (const file of sourceFiles(dir)) {
    const target = isTestFile(relative(dir, file)) ? dev : runtime;
    for (const name of importsOf(file)) if (name !== pkg.name) target.add(name);
  }
  const deps = new Set(Object.keys(pkg.dependencies ?? {}));
  const devDeps = new Set(Object.keys(pkg.devDependencies ?? {}));
  const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));
  const allowed = { ...ALLOWED['*'], ...(ALLOWED[pkg.name] ?? {}) };
  const problems = [];

  for (const name of [...runtime].sort()) {
    if (!deps.has(name) && !peers.has(name)) {
      problems.push(
        `undeclared: ${name} is imported at run time but not in dependencies or peerDependencies`,
      );
    }
  }
  for (const name of [...dev].sort()) {
    if (
      !runtime.has(name) &&
      !deps.has(name) &&
      !devDeps.has(name) &&
      !peers.has(name)
    ) {
      problems.push(
        `undeclared: ${name} is imported by tests but not in devDependencies`,
      );
    }
  }
  for (const name of [...deps].sort()) {
    if (allowed[name]) continue;
    const target = name.startsWith('@types/') ? typesTarget(name) : name;
    if (runtime.has(target)) continue;
    problems.push(
      dev.has(target)
        ? `misplaced: ${name} is in dependencies but only tests import it (move it to devDependencies)`
        : `unused: ${name} is in dependencies but never imported`,
    );
  }
  for (const name of [...devDeps].sort()) {
    if (allowed[name] || peers.has(name)) continue;
    const target = name.startsWith('@types/') ? typesTarget(name) : name;
    if (runtime.has(target) || dev.has(target)) continue;
    problems.push(`unused: ${name} is in devDependencies but never imported`);
  }
  for (const name of [...peers].sort()) {
    if (allowed[name] || runtime.has(name)) continue;
    problems.push(
      `unused: ${name} is in peerDependencies but never imported at run time`,
    );
  }

  const where = relative(repoRoot, dir);
  if (problems.length === 0) {
    console.log(`ok   ${pkg.name} (${where})`);
  } else {
    failures += problems.length;
    console.log(`FAIL ${pkg.name} (${where})`);
    for (const problem of problems) console.log(`       ${problem}`);
  }
}

if (failures > 0) {
  console.log(
    `\n${failures} dependency problem(s). Declare exactly what src/ imports, or add an exception with its reason to ALLOWED in ${relative(
      repoRoot,
      fileURLToPath(import.meta.url),
    )}.`,
  );
  process.exit(1);
}
