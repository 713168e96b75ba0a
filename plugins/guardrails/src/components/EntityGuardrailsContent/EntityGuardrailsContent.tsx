import {
  Content,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EnvironmentReport } from '../../api/types';
import { EntityReportState } from '../EntityReportState';

const columns: TableColumn<EnvironmentReport>[] = [
  { title: 'Environment', field: 'environment' },
  { title: 'Compliance', field: 'compliance' },
  {
    title: 'Violations',
    render: row => row.violations.length,
  },
  {
    title: 'Evaluated',
    render: row => row.evaluatedAt ?? 'never',
  },
];

/**
 * The Guardrails tab of a component page.
 *
 * @public
 */
export function EntityGuardrailsContent() {
  return (
    <Content>
      <EntityReportState>
        {report => (
          <Table<EnvironmentReport>
            title="Guardrails by environment"
            options={{ paging: false, search: false }}
            columns={columns}
            data={report.environments}
          />
        )}
      </EntityReportState>
    </Content>
  );
}
