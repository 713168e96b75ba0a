/*
 * Engine benchmark: evaluates the default guardrail pack over 20,000 generated
 * pod-bearing objects and compares the cost of parsing the manifests with the
 * cost of parsing and evaluating them. Target: (parse + evaluate) / parse <= 1.5.
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/engine/engine.bench.ts
 *
 * Environment: BENCH_OBJECTS (default 20000), BENCH_REPETITIONS (default 3). Exits 1 above target.
 */
import {
  compilePack,
  evaluateObjects,
  KubernetesManifest,
  summarize,
  toYaml,
} from '@guardrails-dev/plugin-guardrails-engine';
import { parseAllDocuments } from 'yaml';
import { loadDefaultPack } from './defaultPack';
import { generateWorkloads } from './generateWorkloads';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const WARM_UPS = 2;
const TARGET_RATIO = 1.5;
const ENVIRONMENT = 'prod';
// After every rollout date of the default pack, so each guardrail is at its final stage.
const AT = new Date('2027-06-01T00:00:00Z');

function parse(text: string): KubernetesManifest[] {
  return parseAllDocuments(text).map(
    document => document.toJS() as KubernetesManifest,
  );
}

function time<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function collectGarbage() {
  // Available with --expose-gc (test/bench/run.sh passes it): keeps one run's garbage out of the next.
  (globalThis as { gc?: () => void }).gc?.();
}

function main(): number {
  const compiled = time(() => compilePack(loadDefaultPack(AT)));
  const objects = generateWorkloads(OBJECTS);
  const text = toYaml(objects);
  const warmUpText = toYaml(objects.slice(0, Math.ceil(OBJECTS / 10)));
  const context = { environment: ENVIRONMENT, at: AT };
  const evaluate = (parsed: KubernetesManifest[]) =>
    evaluateObjects(compiled.value, parsed, context);

  // Warm-ups on a tenth of the input: enough for the JIT, without doubling the run time.
  for (let i = 0; i < WARM_UPS; i++) {
    evaluate(parse(warmUpText));
  }
  const parseTimes: number[] = [];
  const evaluateTimes: number[] = [];
  const totalTimes: number[] = [];
  let results: ReturnType<typeof evaluate> = [];
  for (let i = 0; i < REPETITIONS; i++) {
    collectGarbage();
    const parsed = time(() => parse(text));
    parseTimes.push(parsed.ms);
    collectGarbage();
    evaluateTimes.push(time(() => evaluate(parsed.value)).ms);
    collectGarbage();
    const total = time(() => evaluate(parse(text)));
    totalTimes.push(total.ms);
    results = total.value;
  }

  const parseMs = median(parseTimes);
  const evaluateMs = median(evaluateTimes);
  const totalMs = median(totalTimes);
  const ratio = totalMs / parseMs;
  const guardrails = compiled.value.guardrails.length;
  const summary = summarize(results);
  const runs = (times: number[]) => times.map(t => format(t)).join(', ');
  const lines = [
    `engine benchmark: ${format(OBJECTS)} pod-bearing objects (${format(
      text.length / 1024 / 1024,
      1,
    )} MiB of multi-document YAML), environment ${ENVIRONMENT}`,
    `default pack: ${guardrails} guardrails, compiled once in ${format(
      compiled.ms,
      1,
    )} ms`,
    `node ${process.version}; ${WARM_UPS} warm-ups; median of ${REPETITIONS} repetitions`,
    `results:           ${format(results.length)} (${Object.entries(summary)
      .map(([k, v]) => `${k} ${format(v)}`)
      .join(', ')})`,
    `(a) parse only:        ${format(parseMs, 1)} ms  (runs ${runs(
      parseTimes,
    )})`,
    `(b) parse + evaluate:  ${format(totalMs, 1)} ms  (runs ${runs(
      totalTimes,
    )})`,
    `    evaluate alone:    ${format(evaluateMs, 1)} ms  (runs ${runs(
      evaluateTimes,
    )})`,
    `evaluations/s:     ${format(
      (OBJECTS * guardrails) / (evaluateMs / 1000),
    )} objects x guardrails; ${format(
      results.length / (evaluateMs / 1000),
    )} results (guardrails that apply)`,
    `objects/s:         ${format(
      OBJECTS / (evaluateMs / 1000),
    )} evaluated; ${format(OBJECTS / (parseMs / 1000))} parsed; ${format(
      OBJECTS / (totalMs / 1000),
    )} parsed and evaluated`,
    `ratio (parse + evaluate) / parse only: ${format(
      ratio,
      2,
    )} (target <= ${TARGET_RATIO}: ${
      ratio <= TARGET_RATIO ? 'met' : 'ABOVE TARGET'
    })`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ratio <= TARGET_RATIO ? 0 : 1;
}

process.exitCode = main();
