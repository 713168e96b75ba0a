import { InfoCard } from '@backstage/core-components';
import { List, ListItem, ListItemText } from '@material-ui/core';
import { EntityReportState } from '../EntityReportState';

/**
 * Guardrail compliance at a glance for a component's overview.
 *
 * @public
 */
export function EntityGuardrailsCard() {
  return (
    <InfoCard title="Guardrails">
      <EntityReportState>
        {report => (
          <List dense>
            {report.environments.map(env => (
              <ListItem key={env.environment}>
                <ListItemText
                  primary={`${env.environment}: ${env.compliance}`}
                  secondary={`${env.violations.length} violation(s)`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </EntityReportState>
    </InfoCard>
  );
}
