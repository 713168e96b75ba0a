import { Typography } from '@material-ui/core';
import type { ApiEnforcementSync } from '@guardrails-dev/plugin-guardrails-common';
import { WhenText } from './WhenText';

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The last sync: when, whether it succeeded, what it changed and the hand edits it found. */
export function LastSync(props: {
  sync: ApiEnforcementSync | undefined;
  now: Date;
}) {
  const { sync, now } = props;
  if (!sync) {
    return (
      <Typography variant="body2">
        <strong>Last sync:</strong> none yet.
      </Typography>
    );
  }
  const failed = sync.result === 'failed';
  return (
    <>
      <Typography variant="body2">
        <strong>Last sync:</strong> <WhenText value={sync.syncedAt} now={now} />
        {failed
          ? ` failed: ${sync.reason ?? 'no reason was given'}.`
          : ` succeeded, ${
              sync.changes.length === 0
                ? 'nothing to change'
                : `${plural(sync.changes.length, 'change')}`
            }.`}
      </Typography>
      {sync.drift.length > 0 && (
        <Typography variant="body2" component="div">
          {failed
            ? 'Changed by hand, not restored yet:'
            : 'Changed by hand and restored:'}
          <ul aria-label="Drift found by the last sync">
            {sync.drift.map(d => (
              <li key={`${d.kind}/${d.name}`}>
                {d.kind} {d.name}{' '}
                {d.drift === 'deleted'
                  ? 'was deleted'
                  : `was edited (${d.fields.join(', ') || 'fields unknown'})`}
              </li>
            ))}
          </ul>
        </Typography>
      )}
    </>
  );
}
