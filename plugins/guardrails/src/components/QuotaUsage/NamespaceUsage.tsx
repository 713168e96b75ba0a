import {
  Box,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  ApiEnvironmentUsage,
  ApiQuotaUsage,
} from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime } from '../../domain/time';
import { ReadableTable } from '../ReadableTable';
import { RelativeTime } from '../RelativeTime';
import { QuotaMeter } from './QuotaMeter';
import { QuotaResource, resourceName } from './quotaShare';

/** Quota use of one namespace provisioned for the entity, in one cluster. */
export type NamespaceUsageData = ApiEnvironmentUsage;

type Quota = ApiQuotaUsage;

function ResourceRow(props: { resource: QuotaResource; where: string }) {
  const { resource, where } = props;
  const name = resourceName(resource.resource);
  const known = resource.used !== null && resource.share !== null;
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="body2">{name}</Typography>
        {name !== resource.resource && (
          <Typography variant="caption" color="textSecondary">
            {resource.resource}
          </Typography>
        )}
      </TableCell>
      <TableCell>{resource.used ?? 'unknown'}</TableCell>
      <TableCell>{resource.hard}</TableCell>
      <TableCell>
        {known ? (
          <QuotaMeter
            label={`${name} used in ${where}`}
            used={resource.used!}
            hard={resource.hard}
            share={resource.share!}
          />
        ) : (
          <Typography variant="body2">
            Unknown: the quota does not report its use
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

function QuotaTable(props: { quota: Quota; where: string }) {
  const { quota, where } = props;
  return (
    <TableContainer>
      <ReadableTable
        size="small"
        aria-label={`ResourceQuota ${quota.name} in ${where}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Resource</TableCell>
            <TableCell>Used</TableCell>
            <TableCell>Hard</TableCell>
            <TableCell>Use of the quota</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {quota.resources.map(resource => (
            <ResourceRow
              key={resource.resource}
              resource={resource}
              where={where}
            />
          ))}
        </TableBody>
      </ReadableTable>
    </TableContainer>
  );
}

function DataNotice(props: { usage: NamespaceUsageData }) {
  const { usage } = props;
  if (usage.data === 'missing') {
    return (
      <Alert severity="warning" role="status">
        <strong>Data missing for cluster {usage.cluster}</strong>
        {usage.error ? `: ${usage.error}` : ': no audit has read it yet'}. The
        quota use of this namespace is unknown until an audit reads it.
      </Alert>
    );
  }
  if (usage.data === 'stale') {
    return (
      <Alert severity="info" role="status">
        <strong>Stale data for cluster {usage.cluster}</strong>
        {usage.error ? `: the latest audit failed: ${usage.error}` : ''}.{' '}
        {usage.observedAt
          ? `Shown as read at ${formatDateTime(usage.observedAt)}.`
          : 'Shown as the last good audit read it.'}
      </Alert>
    );
  }
  return null;
}

/**
 * One namespace: its size, then each ResourceQuota's use, "no quota" when it has none, or the notice that its data
 * is missing or stale.
 */
export function NamespaceUsage(props: {
  usage: NamespaceUsageData;
  now: Date;
}) {
  const { usage, now } = props;
  const where = `${usage.namespace} (${usage.cluster})`;
  // A cluster never read, for a component with no namespace known anywhere in the environment, has no name to show.
  const label = usage.namespace
    ? `Namespace ${usage.namespace} on cluster ${usage.cluster}`
    : `Cluster ${usage.cluster}`;
  return (
    <Box mb={2} role="group" aria-label={label}>
      {usage.namespace ? (
        <Typography variant="body2">
          Namespace <strong>{usage.namespace}</strong> on cluster{' '}
          {usage.cluster}
          {usage.size ? (
            <>
              , size <strong>{usage.size}</strong>
            </>
          ) : (
            ', no provisioned size recorded'
          )}
          {usage.data === 'ok' && usage.observedAt && (
            <>
              ; read <RelativeTime value={usage.observedAt} now={now} />
            </>
          )}
        </Typography>
      ) : (
        <Typography variant="body2">
          Cluster <strong>{usage.cluster}</strong>
        </Typography>
      )}
      <Box my={1}>
        <DataNotice usage={usage} />
      </Box>
      {usage.data !== 'missing' && usage.quotas.length === 0 && (
        <Typography variant="body2">
          <strong>No quota</strong>: this namespace has no ResourceQuota, so
          nothing caps what it may reserve.
        </Typography>
      )}
      {usage.data !== 'missing' &&
        usage.quotas.map(quota => (
          <QuotaTable key={quota.name} quota={quota} where={where} />
        ))}
    </Box>
  );
}
