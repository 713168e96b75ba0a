import { Link } from '@backstage/core-components';
import { TableCell, Typography, makeStyles } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { useEffect, useRef } from 'react';
import { ExpandableRow } from '../ExpandableRow';
import { GuardrailId } from '../GuardrailId';
import { RemediationExample } from '../GuardrailGroups';
import { SeverityLabel } from '../SeverityLabel';
import { RolloutSummary } from './RolloutSummary';

const useStyles = makeStyles(theme => ({
  text: { whiteSpace: 'pre-line', maxWidth: 480 },
  selected: { boxShadow: `inset 4px 0 0 ${theme.palette.primary.main}` },
}));

/** The element ID of a guardrail's catalog row. */
export function catalogRowId(id: string): string {
  return `guardrail-catalog-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/**
 * One guardrail of the catalog; expanding it shows how to fix a violation and the example to copy. The
 * `selected` guardrail (the one a link names) is marked, and brought into view with the focus on its toggle.
 */
export function CatalogRow(props: {
  guardrail: ApiGuardrail;
  environments: string[];
  now: Date;
  expanded: boolean;
  onToggle: (id: string) => void;
  selected: boolean;
}) {
  const { guardrail: g, environments, now, expanded, selected } = props;
  const classes = useStyles();
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!selected) return undefined;
    // A frame later: a button focused in the commit that mounts it has no focus ripple yet to show.
    const frame = requestAnimationFrame(() => {
      toggle.current?.focus({ preventScroll: true });
      toggle.current?.scrollIntoView?.({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, [selected]);

  return (
    <ExpandableRow
      id={catalogRowId(g.id)}
      label={`Show how to fix ${g.title}`}
      expanded={expanded}
      onToggle={() => props.onToggle(g.id)}
      columns={6}
      toggleRef={toggle}
      details={() => (
        <>
          <Typography variant="body2" className={classes.text}>
            <strong>How to fix it: </strong>
            {g.remediation}
          </Typography>
          <RemediationExample example={g.remediationExample} title={g.title} />
        </>
      )}
    >
      <TableCell
        component="th"
        scope="row"
        className={selected ? classes.selected : undefined}
        aria-current={selected ? 'location' : undefined}
      >
        <Typography variant="body2">{g.title}</Typography>
        <GuardrailId id={g.id} />
        {g.docsUrl && <Link to={g.docsUrl}>Documentation</Link>}
        {g.admissionOnly && (
          <Typography variant="caption" display="block" color="textSecondary">
            Admission only (no live-object results)
          </Typography>
        )}
        {!g.admission.exportable && (
          <Typography variant="caption" display="block" color="textSecondary">
            Audit only
            {g.admission.reason ? `: ${g.admission.reason}` : ''}
          </Typography>
        )}
      </TableCell>
      <TableCell>{g.category}</TableCell>
      <TableCell>
        <SeverityLabel severity={g.severity} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" className={classes.text}>
          {g.rationale}
        </Typography>
      </TableCell>
      <TableCell>
        <RolloutSummary guardrail={g} environments={environments} now={now} />
      </TableCell>
    </ExpandableRow>
  );
}
