import {
  Box,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  ApiExemption,
  ApiExemptions,
} from '@guardrails-dev/plugin-guardrails-common';
import { pluralDays } from '../../domain/time';
import { DateText } from '../DateText';
import { OwnerLink } from '../OwnerLink';
import { ReadableTable } from '../ReadableTable';

function scopeText(exemption: ApiExemption): string {
  const { scope } = exemption;
  return [
    scope.entity,
    scope.environments?.length
      ? `environments ${scope.environments.join(', ')}`
      : '',
    scope.namespaces?.length ? `namespaces ${scope.namespaces.join(', ')}` : '',
    scope.resources?.length
      ? `resources ${scope.resources
          .map(
            r => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`,
          )
          .join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function ExemptionTable(props: {
  title: string;
  exemptions: ApiExemption[];
  empty: string;
}) {
  const headingId = `guardrails-exemptions-${props.title
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  return (
    <Box mb={4} component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h3" id={headingId}>
        {props.title} ({props.exemptions.length})
      </Typography>
      {props.exemptions.length === 0 ? (
        <Typography variant="body2">{props.empty}</Typography>
      ) : (
        <TableContainer>
          <ReadableTable size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Exemption</TableCell>
                <TableCell>Guardrails</TableCell>
                <TableCell>Scope</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Approved by</TableCell>
                <TableCell>Expires</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.exemptions.map(e => (
                <TableRow key={e.name}>
                  <TableCell component="th" scope="row">
                    {e.name}
                  </TableCell>
                  <TableCell>{e.guardrails.join(', ')}</TableCell>
                  <TableCell>{scopeText(e)}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{e.reason}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      {e.justification}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <OwnerLink entityRef={e.owner} />
                  </TableCell>
                  <TableCell>
                    <OwnerLink entityRef={e.approvedBy} defaultKind="user" />
                  </TableCell>
                  <TableCell>
                    <DateText value={e.expiresAt} />
                    <Typography variant="caption" display="block">
                      {e.daysLeft >= 0
                        ? `in ${pluralDays(e.daysLeft)}`
                        : `${pluralDays(-e.daysLeft)} ago`}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ReadableTable>
        </TableContainer>
      )}
    </Box>
  );
}

/** Exemptions expiring soon, all active ones, and expired ones (which no longer apply). */
export function ExemptionsPanel(props: { exemptions: ApiExemptions }) {
  const { exemptions } = props;
  return (
    <Box>
      <ExemptionTable
        title="Expiring soon"
        exemptions={exemptions.expiringSoon}
        empty="No exemption expires within the next 14 days."
      />
      <ExemptionTable
        title="Active"
        exemptions={exemptions.active}
        empty="No exemption is in force: every guardrail applies everywhere."
      />
      <ExemptionTable
        title="Expired"
        exemptions={exemptions.expired}
        empty="No expired exemptions."
      />
    </Box>
  );
}
