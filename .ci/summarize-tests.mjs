// Prints one count line per runner and a combined closing line from Jest's JSON and node:test's TAP output.
import { existsSync, readFileSync } from 'node:fs';

const [jestJson, e2eTap] = process.argv.slice(2);
let passed = 0;
let failed = 0;

if (jestJson && existsSync(jestJson)) {
  const r = JSON.parse(readFileSync(jestJson, 'utf8'));
  console.log(`packages: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${r.numTotalTestSuites} suites)`);
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
} else {
  console.log('packages: no results (Jest did not run)');
  failed += 1;
}

if (e2eTap && existsSync(e2eTap)) {
  const tap = readFileSync(e2eTap, 'utf8');
  const count = name => Number((tap.match(new RegExp(`^# ${name} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  console.log(`end-to-end: ${count('pass')} passed, ${count('fail')} failed`);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
} else {
  console.log('end-to-end: no results (node:test did not run)');
  failed += 1;
}

console.log(`total: ${passed} passed, ${failed} failed`);
