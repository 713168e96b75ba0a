import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  GuardrailResult,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import { ManifestLocation } from '@guardrails-dev/plugin-guardrails-engine';
import { CheckRun } from '../runCheck';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels of the results that are findings; passes and exemptions are not reported. */
const SARIF_LEVELS: Partial<Record<ResultStatus, 'error' | 'warning'>> = {
  fail: 'error',
  warn: 'warning',
  error: 'error',
};

/** A relative path as a URI reference (`dir/my%20file.yaml`); a path outside the working directory as a file URI. */
function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return pathToFileURL(absolute).href;
  }
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

function resourceName(result: GuardrailResult): string {
  const { kind, namespace, name } = result.resource;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

function locationOf(
  result: GuardrailResult,
  where: ManifestLocation | undefined,
  cwd: string,
) {
  const { namespace, kind, name } = result.resource;
  return {
    ...(where && where.file !== '-'
      ? {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(where.file, cwd) },
            ...(where.line !== undefined
              ? { region: { startLine: where.line } }
              : {}),
          },
        }
      : {}),
    logicalLocations: [
      {
        name,
        fullyQualifiedName: `${
          namespace ? `${namespace}/` : ''
        }${kind}/${name}`,
        kind: 'resource',
      },
    ],
  };
}

/**
 * SARIF 2.1.0 for code-scanning tools: one rule per guardrail of the pack,
 * one result per violation or evaluation error, located at the start of the
 * object's document in its manifest file.
 */
export function formatSarif(
  run: CheckRun,
  options: { cwd: string; version: string },
): string {
  const guardrails = run.pack.guardrails;
  const ruleIndex = new Map(guardrails.map((g, index) => [g.id, index]));
  const rules = guardrails.map(g => ({
    id: g.id,
    shortDescription: { text: g.title },
    fullDescription: { text: g.rationale },
    help: { text: g.remediation },
    ...(g.docsUrl ? { helpUri: g.docsUrl } : {}),
    properties: { severity: g.severity, category: g.category },
  }));
  const results = run.results.flatMap(result => {
    const level = SARIF_LEVELS[result.result];
    if (!level) return [];
    return [
      {
        ruleId: result.guardrail,
        ...(ruleIndex.has(result.guardrail)
          ? { ruleIndex: ruleIndex.get(result.guardrail) }
          : {}),
        level,
        message: { text: `${resourceName(result)}: ${result.message}` },
        locations: [
          locationOf(result, run.locate(result.resource), options.cwd),
        ],
        properties: {
          result: result.result,
          enforcementLevel: result.level,
          environment: run.environment,
        },
      },
    ];
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'guardrails', version: options.version, rules },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
