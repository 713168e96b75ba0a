/*
 * CEL overhead benchmark: the default pack's validation expressions evaluated
 * on generated workloads, once through the engine (compileCel programs: cost
 * metering, Kubernetes semantics) and once through cel-js directly (the same
 * cel-js environment and libraries, without the engine's layer). Target:
 * engine time / cel-js time <= 1.15. Expressions cel-js cannot check without
 * the engine's rewrites are left out of both sides, and so are the objects an
 * expression fails on (a guardrail only sees objects it matches; time spent
 * building error objects would hide the cost of evaluation itself).
 *
 *   bash test/bench/run.sh celOverhead
 *
 * Environment: BENCH_OBJECTS (default 20000), BENCH_REPETITIONS (default 9). Exits 1 above target.
 */
import {
  compilePack,
  toCelValue,
} from '@guardrails-dev/plugin-guardrails-engine';
// The cel-js environment the engine builds, reached past the package's API on purpose.
import { environmentFor } from '../../../plugins/guardrails-engine/src/cel/environment';
import { loadDefaultPack } from './defaultPack';
import { generateWorkloads } from './generateWorkloads';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 9);
const TARGET_RATIO = 1.15;
const AT = new Date('2027-06-01T00:00:00Z');
const VARIABLES = [
  'object',
  'oldObject',
  'namespaceObject',
  'params',
  'variables',
  'namespaceResources',
];

type Run = (activation: Record<string, unknown>) => unknown;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Fastest and median run, then every run, in ms. */
function summary(times: number[]): string {
  const runs = times.map(t => t.toFixed(0)).join(', ');
  return `${Math.min(...times).toFixed(1)} / ${median(times).toFixed(
    1,
  )} ms  (runs ${runs})`;
}

function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

type Guardrail = ReturnType<typeof compilePack>['guardrails'][number];

/** The activation of a guardrail's validations: its params and its variables, evaluated in order. */
function withVariables(
  guardrail: Guardrail,
  activation: Record<string, unknown>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = { guardrailsNow: AT };
  const input = { ...activation, params: guardrail.params, variables };
  for (const { name, program } of guardrail.variables) {
    const result = program.evaluate(input);
    if (result.ok) variables[name] = result.value;
  }
  return input;
}

function main(): number {
  const compiled = compilePack(loadDefaultPack(AT));
  const env = environmentFor(VARIABLES, 50);
  const pairs: Array<{ engine: Run; bare: Run; guardrail: Guardrail }> = [];
  let skipped = 0;
  for (const guardrail of compiled.guardrails) {
    for (const { validation, program } of guardrail.validations) {
      const parsed = env.parse(validation.expression);
      if (!parsed.check().valid) {
        skipped++;
        continue;
      }
      pairs.push({
        engine: activation => program.evaluate(activation),
        bare: activation => {
          try {
            return parsed(activation);
          } catch (error) {
            return error;
          }
        },
        guardrail,
      });
    }
  }
  const activations = generateWorkloads(OBJECTS).map(manifest => ({
    object: toCelValue(manifest),
    oldObject: null,
    namespaceObject: null,
    variables: { guardrailsNow: AT },
    namespaceResources: null,
  }));
  // Each expression with the objects it evaluates without error, and the
  // guardrail's variables computed for each (by the engine, outside the timing).
  const work = pairs.map(pair => ({
    pair,
    inputs: activations
      .map(activation => withVariables(pair.guardrail, activation))
      .filter(input => !(pair.bare(input) instanceof Error)),
  }));
  const evaluations = work.reduce((n, w) => n + w.inputs.length, 0);
  const pass = (side: 'engine' | 'bare') => () => {
    for (const { pair, inputs } of work) {
      for (const input of inputs) pair[side](input);
    }
  };
  pass('engine')();
  pass('bare')();
  const engineTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    engineTimes.push(time(pass('engine')));
    (globalThis as { gc?: () => void }).gc?.();
    bareTimes.push(time(pass('bare')));
  }
  // The fastest run of each side is the one least disturbed by other work
  // on the machine; the ratio of those is the engine's own cost.
  const ratio = Math.min(...engineTimes) / Math.min(...bareTimes);
  const lines = [
    `CEL overhead benchmark: ${pairs.length} validation expressions of the default pack (${skipped} left out) on ${OBJECTS} objects: ${evaluations} evaluations`,
    `node ${process.version}; ${REPETITIONS} repetitions after one warm-up; fastest and median run`,
    `engine (compileCel):  ${summary(engineTimes)}`,
    `cel-js directly:      ${summary(bareTimes)}`,
    `ratio engine / cel-js (fastest runs): ${ratio.toFixed(
      2,
    )} (target <= ${TARGET_RATIO}: ${
      ratio <= TARGET_RATIO ? 'met' : 'ABOVE TARGET'
    })`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ratio <= TARGET_RATIO ? 0 : 1;
}

process.exitCode = main();
