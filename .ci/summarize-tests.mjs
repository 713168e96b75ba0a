// Prints one count line per runner and a combined closing line from Jest's JSON and node:test's TAP output.
// Arguments: Jest's JSON file, then one `label=file.tap` per node:test run (end-to-end, install, ...).
import { existsSync, readFileSync } from 'node:fs';

const [jestJson, ...taps] = process.argv.slice(2);
let passed = 0;
let failed = 0;

if (jestJson && existsSync(jestJson)) {
  const r = JSON.parse(readFileSync(jestJson, 'utf8'));
  console.log(
    `packages: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${r.numTotalTestSuites} suites)`,
  );
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
} else {
  console.log('packages: no results (Jest did not run)');
  failed += 1;
}

for (const arg of taps) {
  const [label, file] = arg.split('=');
  if (file && existsSync(file)) {
    const tap = readFileSync(file, 'utf8');
    const count = name =>
      Number((tap.match(new RegExp(`^# ${name} (\\d+)`, 'm')) ?? [])[1] ?? 0);
    console.log(`${label}: ${count('pass')} passed, ${count('fail')} failed`);
    passed += count('pass');
    failed += count('fail') + count('cancelled');
  } else {
    console.log(`${label}: no results (node:test did not run)`);
    failed += 1;
  }
}

console.log(`total: ${passed} passed, ${failed} failed`);
