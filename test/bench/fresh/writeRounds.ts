/*
 * The write rounds of the freshness benchmark: each makes one component's Deployment privileged (a violation
 * introduced) or not again (fixed), alternately, and times from the write until the entity's report shows the new
 * result and until the catalog serves the component with changed `guardrails.dev/*` labels. Between rounds it waits
 * until a refresh asked for with others would have been processed, and counts the other components the catalog
 * processed again: none may be, their statuses did not change.
 */
import { labelsOf, servedFields } from './catalogLabels';
import { FreshCatalog } from './freshCatalog';
import {
  DeploymentRef,
  reportShowsPrivileged,
  waitFor,
  writePrivileged,
} from './timeWrites';

/** Long enough for a refresh requested with the others to have been processed (the backend waits 2 s to ask). */
const QUIET_MS = 4_000;
/** Rounds whose result never shows, one after the other, before the rest are given up (a backend not watching). */
const GIVE_UP_AFTER = 3;

export interface WriteRound {
  deployment: DeploymentRef;
  privileged: boolean;
  /** From the write until the report showed it; infinite when it never did. */
  reportMs: number;
  /** From the write until the catalog served changed labels; infinite when it never did. */
  labelMs: number;
  labels: { before: string; after: string };
  /** The compliance the report gave when it changed, and the one the catalog's label then gave. */
  compliance: { report?: string; label?: string };
  otherProcessings: number;
}

export interface WriteRounds {
  rounds: WriteRound[];
  /** Writes made and their response bytes, which the clusters' counts include. */
  writes: number;
  writeBytes: number;
  /** Rounds not run because the ones before never showed their result. */
  skipped: number;
  /**
   * How often the report of a component nobody wrote to changed its evaluation time over the rounds: its cluster
   * evaluated again whole (from memory), though none of its objects changed.
   */
  controlEvaluations: number;
}

export async function runWriteRounds(options: {
  catalog: FreshCatalog;
  urls: Record<string, string>;
  token: string;
  /** Each made privileged then fixed, in turn. */
  deployments: DeploymentRef[];
  /** A component none of the writes touch. */
  control: string;
  writes: number;
  reportTimeoutMs: number;
  labelTimeoutMs: number;
}): Promise<WriteRounds> {
  const { catalog } = options;
  const rounds: WriteRound[] = [];
  let writeBytes = 0;
  let unseen = 0;
  const evaluatedAt = async () =>
    JSON.stringify(
      (await catalog.report(options.control))?.environments.map(
        e => e.evaluatedAt,
      ),
    );
  let controlEvaluatedAt = await evaluatedAt();
  let controlEvaluations = 0;
  for (let i = 0; i < options.writes && unseen < GIVE_UP_AFTER; i++) {
    const deployment = options.deployments[Math.floor(i / 2)];
    const privileged = i % 2 === 0;
    const before = await catalog.entity(deployment.component);
    const fieldsBefore = servedFields(before);
    const processedBefore = catalog.processed();

    const writtenAt = performance.now();
    const { bytes } = await writePrivileged({
      url: options.urls[deployment.cluster],
      token: options.token,
      deployment,
      container: 'app',
      privileged,
    });
    writeBytes += bytes;
    const report = await waitFor(
      async () => {
        const r = await catalog.report(deployment.component);
        return r && reportShowsPrivileged(r, deployment) === privileged
          ? r
          : undefined;
      },
      { timeoutMs: options.reportTimeoutMs, intervalMs: 50 },
    );
    const label = await waitFor(
      async () => {
        const entity = await catalog.entity(deployment.component);
        const fields = servedFields(entity);
        return fields !== undefined && fields !== fieldsBefore
          ? entity
          : undefined;
      },
      {
        timeoutMs: options.labelTimeoutMs - (performance.now() - writtenAt),
        intervalMs: 100,
      },
    );
    unseen = report || label ? 0 : unseen + 1;

    await new Promise(resolve => setTimeout(resolve, QUIET_MS));
    const controlNow = await evaluatedAt();
    if (controlNow !== controlEvaluatedAt) controlEvaluations += 1;
    controlEvaluatedAt = controlNow;
    let otherProcessings = 0;
    for (const [name, count] of catalog.processed()) {
      if (name !== deployment.component) {
        otherProcessings += count - (processedBefore.get(name) ?? 0);
      }
    }
    rounds.push({
      deployment,
      privileged,
      reportMs: report ? report.at - writtenAt : Number.POSITIVE_INFINITY,
      labelMs: label ? label.at - writtenAt : Number.POSITIVE_INFINITY,
      labels: {
        before: labelsOf(before),
        after: labelsOf(await catalog.entity(deployment.component)),
      },
      compliance: {
        report: report?.value.compliance,
        label: label?.value.metadata.labels?.['guardrails.dev/compliance'],
      },
      otherProcessings,
    });
  }
  return {
    rounds,
    writes: rounds.length,
    writeBytes,
    skipped: options.writes - rounds.length,
    controlEvaluations,
  };
}
