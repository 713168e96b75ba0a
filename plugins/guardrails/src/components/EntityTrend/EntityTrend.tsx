import { InfoCard } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import type { ApiHistory } from '@guardrails-dev/plugin-guardrails-common';
import { dailyTotals } from '../../domain/trend';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { DataView } from '../DataView';
import { TrendChart } from '../TrendChart';

const DAYS = 30;

function Chart(props: { history: ApiHistory }) {
  const days = useMemo(() => dailyTotals(props.history), [props.history]);
  return (
    <TrendChart
      days={days}
      title={`Violations of this component per day, last ${DAYS} days`}
    />
  );
}

/** The entity's violations per day over the last month. */
export function EntityTrend() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const state = useGuardrailsData(
    api => api.getEntityHistory(ref, { days: DAYS }),
    [stringifyEntityRef(ref)],
  );
  return (
    <InfoCard title="Trend" subheader={`Last ${DAYS} days, all environments`}>
      <DataView state={state} title="Could not load the history">
        {history => <Chart history={history} />}
      </DataView>
    </InfoCard>
  );
}
