import type {
  EnforcementLevel,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import { Knex } from 'knex';
import { RESULTS_TABLE, ResultRow } from './rows';

/** A violation or exemption of the current results, as notices need it. */
export interface NoticeResult {
  guardrail: string;
  cluster: string;
  environment: string;
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
  /** Full lower-case ref of the owning component; absent when none owns it. */
  entityRef?: string;
  /** `fail` or `warn` (violations) or `skip` (exempted). */
  result: Extract<ResultStatus, 'fail' | 'warn' | 'skip'>;
  level: EnforcementLevel;
  /** The exemption that applies (`skip`), or that applied and has expired (`fail`, `warn`), by name. */
  exemption?: string;
}

type Row = Pick<
  ResultRow,
  | 'guardrail'
  | 'cluster'
  | 'environment'
  | 'api_version'
  | 'kind'
  | 'namespace'
  | 'name'
  | 'entity_ref'
  | 'result'
  | 'level'
  | 'exemption'
>;

/**
 * Every current violation and exemption, in one query whatever the number of components: the input of every notice.
 * Passing and unevaluated (`error`) results are left out: neither is a violation to tell anyone about.
 */
export async function readNoticeResults(db: Knex): Promise<NoticeResult[]> {
  const rows: Row[] = await db<ResultRow>(RESULTS_TABLE)
    .whereIn('result', ['fail', 'warn', 'skip'])
    .select(
      'guardrail',
      'cluster',
      'environment',
      'api_version',
      'kind',
      'namespace',
      'name',
      'entity_ref',
      'result',
      'level',
      'exemption',
    );
  return rows.map(row => ({
    guardrail: row.guardrail,
    cluster: row.cluster,
    environment: row.environment,
    apiVersion: row.api_version,
    kind: row.kind,
    ...(row.namespace ? { namespace: row.namespace } : {}),
    name: row.name,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    result: row.result as NoticeResult['result'],
    level: row.level,
    ...(row.exemption ? { exemption: exemptionName(row.exemption) } : {}),
  }));
}

function exemptionName(json: string): string | undefined {
  try {
    return (JSON.parse(json) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
