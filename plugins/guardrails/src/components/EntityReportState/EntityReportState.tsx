import {
  CodeSnippet,
  EmptyState,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import {
  type ApiEntityReport,
  BACKSTAGE_KUBERNETES_ID_LABEL as KUBERNETES_ID,
} from '@guardrails-dev/plugin-guardrails-common';
import { useEntityReport } from '../../hooks/useEntityReport';
import { isMappedToKubernetes } from '../../mapping';
import { DataView } from '../DataView';

function Unmapped(props: { variant: 'page' | 'card' }) {
  if (props.variant === 'card') {
    return (
      <Typography variant="body2">
        This component is not mapped to Kubernetes workloads. Add the{' '}
        <code>{KUBERNETES_ID}</code> annotation to its catalog-info.yaml and
        label its workloads with the same value to see guardrail results.
      </Typography>
    );
  }
  return (
    <>
      <MissingAnnotationEmptyState annotation={KUBERNETES_ID} />
      <Box mt={2}>
        <Typography variant="body2">
          The guardrails audit finds a component's workloads the same way the
          Kubernetes plugin does: through the <code>{KUBERNETES_ID}</code>{' '}
          annotation (workloads labelled{' '}
          <code>{KUBERNETES_ID}=&lt;value&gt;</code>), or the{' '}
          <code>backstage.io/kubernetes-namespace</code> and{' '}
          <code>backstage.io/kubernetes-label-selector</code> annotations.
        </Typography>
      </Box>
    </>
  );
}

function NoResults(props: { variant: 'page' | 'card'; kubernetesId?: string }) {
  const label = `${KUBERNETES_ID}=${props.kubernetesId ?? '<value>'}`;
  const description =
    "No audit has evaluated this component's Kubernetes objects yet. The guardrails backend audits every " +
    'configured cluster on its schedule (guardrails.audit.frequency in app-config); results appear here after ' +
    'the next audit that finds workloads of this component. A platform engineer can start an audit at once from ' +
    'the Guardrails page.';
  if (props.variant === 'card') {
    return (
      <Typography variant="body2">
        No guardrail results yet. {description}
      </Typography>
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No guardrail results yet"
      description={description}
      action={
        <Box>
          <Typography variant="body2" gutterBottom>
            If results never appear, check that the workloads carry this label:
          </Typography>
          <CodeSnippet text={label} language="text" />
        </Box>
      }
    />
  );
}

/**
 * Shows the unmapped, loading, error and no-results states of the entity's report, and renders the report
 * otherwise.
 */
export function EntityReportState(props: {
  variant?: 'page' | 'card';
  children: (report: ApiEntityReport) => ReactNode;
}) {
  const { entity } = useEntity();
  const variant = props.variant ?? 'page';
  if (!isMappedToKubernetes(entity)) {
    return <Unmapped variant={variant} />;
  }
  return (
    <LoadedReport
      variant={variant}
      kubernetesId={entity.metadata.annotations?.[KUBERNETES_ID]}
    >
      {props.children}
    </LoadedReport>
  );
}

function LoadedReport(props: {
  variant: 'page' | 'card';
  kubernetesId?: string;
  children: (report: ApiEntityReport) => ReactNode;
}) {
  const state = useEntityReport();
  return (
    <DataView state={state} title="Could not load guardrail results">
      {report =>
        report && report.environments.length > 0 ? (
          props.children(report)
        ) : (
          <NoResults
            variant={props.variant}
            kubernetesId={props.kubernetesId}
          />
        )
      }
    </DataView>
  );
}
