// The install lines of the README, read from it so that what the install test runs and what the README tells a
// platform team cannot drift apart. A block is the fenced code block right after a `<!-- install-test: NAME -->`
// marker in the README's "Installing into an existing Backstage" section.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export function readmeBlocks(file = join(repoRoot, 'README.md')) {
  const text = readFileSync(file, 'utf8');
  const blocks = {};
  const pattern =
    /<!-- install-test: ([\w-]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;
  for (const [, name, body] of text.matchAll(pattern)) blocks[name] = body;
  return blocks;
}

export function readmeBlock(name) {
  const block = readmeBlocks()[name];
  if (block === undefined) {
    throw new Error(
      `README.md has no block marked <!-- install-test: ${name} --> (the install test runs it)`,
    );
  }
  return block;
}

/** Package names in `npm install …` / `yarn … add …` lines. */
export function packageNames(block) {
  return [...block.matchAll(/@guardrails-dev\/[\w-]+/g)].map(m => m[0]);
}
