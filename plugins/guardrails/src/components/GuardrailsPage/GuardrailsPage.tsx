import {
  Header,
  InfoCard,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { useGuardrails } from '../../hooks/useGuardrails';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { useNow } from '../../hooks/useNow';
import { CostByCostCentre } from '../CostByCostCentre';
import { DataView } from '../DataView';
import { DistributionHeatmap } from '../DistributionHeatmap';
import { EnforcementView } from '../EnforcementView';
import { ExemptionsPanel } from '../ExemptionsPanel';
import { GuardrailCatalog } from '../GuardrailCatalog';
import { PlatformTrend } from '../PlatformTrend';
import { ReadinessView } from '../ReadinessView';
import { RunAuditButton } from '../RunAuditButton';
import { WhatIf } from '../WhatIf';

function OverviewTab() {
  const guardrails = useGuardrails();
  const distribution = useGuardrailsData(api => api.getDistribution(), []);
  const list = guardrails.status === 'loaded' ? guardrails.value : undefined;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Results by guardrail and environment"
          subheader="Share of Kubernetes objects in violation; shows where protections bite, not who does worst"
        >
          <DataView
            state={distribution}
            title="Could not load the distribution"
          >
            {value => (
              <DistributionHeatmap
                distribution={value}
                guardrails={guardrails.byId}
                environments={list?.environments ?? []}
              />
            )}
          </DataView>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Trend">
          <PlatformTrend
            guardrails={list?.guardrails ?? []}
            environments={list?.environments ?? []}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function CatalogTab() {
  const guardrails = useGuardrails();
  const now = useNow();
  return (
    <InfoCard title="Guardrail catalog">
      <DataView state={guardrails} title="Could not load the guardrails">
        {list => <GuardrailCatalog list={list} now={now} />}
      </DataView>
    </InfoCard>
  );
}

function WhatIfTab() {
  const guardrails = useGuardrails();
  const now = useNow();
  return (
    <InfoCard
      title="What if"
      subheader="See what a guardrail would block or warn at another level before changing its rollout plan"
    >
      <DataView state={guardrails} title="Could not load the guardrails">
        {list => <WhatIf list={list} now={now} />}
      </DataView>
    </InfoCard>
  );
}

function ExemptionsTab() {
  const exemptions = useGuardrailsData(api => api.getExemptions(), []);
  return (
    <InfoCard title="Exemptions">
      <DataView state={exemptions} title="Could not load the exemptions">
        {value => <ExemptionsPanel exemptions={value} />}
      </DataView>
    </InfoCard>
  );
}

/**
 * The platform Guardrails page: distribution and trend of results, the guardrail catalog with rollouts, what-if,
 * exemptions, enforcement in the clusters, and cost by cost centre against budgets.
 *
 * @public
 */
export function GuardrailsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Guardrails"
        subtitle="Runtime protections for Kubernetes workloads, written once as code"
      >
        <RunAuditButton />
      </Header>
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <OverviewTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/catalog" title="Guardrails">
          <CatalogTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/what-if" title="What if">
          <WhatIfTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/readiness" title="Rollout readiness">
          <InfoCard
            title="Rollout readiness"
            subheader="Stage changes of the coming weeks: what each would affect on its date, who owns it, who was told, and the burn-down"
          >
            <ReadinessView />
          </InfoCard>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/exemptions" title="Exemptions">
          <ExemptionsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/enforcement" title="Enforcement">
          <EnforcementView />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/budgets" title="Budgets">
          <InfoCard
            title="Cost by cost centre"
            subheader="What each cost centre's quotas reserve and use, with the estimated monthly cost against its budget"
          >
            <CostByCostCentre />
          </InfoCard>
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
