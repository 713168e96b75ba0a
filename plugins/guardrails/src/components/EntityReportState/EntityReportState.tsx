import {
  EmptyState,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ReactNode } from 'react';
import { isGuardrailsAvailable } from '../../mapping';
import { useEntityReport } from '../../hooks/useEntityReport';
import { EntityReport } from '../../api/types';

/**
 * Shows the loading, error, unmapped and no-data states of an entity's report, and renders the report otherwise.
 */
export function EntityReportState(props: {
  children: (report: EntityReport) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!isGuardrailsAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation="backstage.io/kubernetes-id" />
    );
  }
  return <LoadedReport>{props.children}</LoadedReport>;
}

function LoadedReport(props: { children: (report: EntityReport) => ReactNode }) {
  const state = useEntityReport();
  switch (state.status) {
    case 'loading':
      return <Progress />;
    case 'error':
      return <ResponseErrorPanel error={state.error} />;
    case 'empty':
      return (
        <EmptyState
          missing="data"
          title="No guardrail results yet"
          description="No audit has evaluated this component's Kubernetes objects yet. Results appear here after the next audit of the clusters it runs in."
        />
      );
    default:
      return <>{props.children(state.report)}</>;
  }
}
