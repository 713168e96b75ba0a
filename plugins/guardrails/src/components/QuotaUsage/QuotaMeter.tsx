import { Box, Typography, makeStyles } from '@material-ui/core';
import { formatShare, shareState } from './quotaShare';

const WIDTH = 120;

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
  },
  // The outline keeps the track visible against the paper in both themes (non-text contrast, WCAG 1.4.11).
  track: {
    width: WIDTH,
    height: 10,
    flex: 'none',
    border: `1px solid ${theme.palette.text.secondary}`,
    borderRadius: 2,
    overflow: 'hidden',
  },
  fill: { height: '100%', backgroundColor: theme.palette.primary.main },
  // The darker error shade on light paper and the lighter one on dark paper keep 3:1 against the background.
  over: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
    backgroundImage: `repeating-linear-gradient(45deg, transparent 0 4px, ${theme.palette.background.paper} 4px 6px)`,
  },
}));

const STATE_WORDS = {
  near: 'near the limit',
  over: 'over the quota',
};

/**
 * Used against hard as a bar with the percentage and, when it matters, the words "near the limit" or "over the
 * quota": colour is never the only signal. Exposed as a meter whose value text says the same.
 */
export function QuotaMeter(props: {
  label: string;
  used: string;
  hard: string;
  share: number;
}) {
  const { label, used, hard, share } = props;
  const classes = useStyles();
  const state = shareState(share);
  const percent = Math.round(share * 100);
  const words = state === 'near' || state === 'over' ? STATE_WORDS[state] : '';
  const text = [formatShare(share), words].filter(Boolean).join(', ');
  return (
    <Box className={classes.root}>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.max(100, percent)}
        aria-valuenow={percent}
        aria-valuetext={`${used} of ${hard} (${text})`}
        className={classes.track}
      >
        <div
          className={[classes.fill, state === 'over' ? classes.over : '']
            .filter(Boolean)
            .join(' ')}
          style={{ width: `${Math.min(100, Math.max(0, share * 100))}%` }}
        />
      </div>
      <Typography component="span" variant="body2" aria-hidden>
        {text}
      </Typography>
    </Box>
  );
}
