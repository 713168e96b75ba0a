import { CopyTextButton } from '@backstage/core-components';
import { Box, Typography, makeStyles } from '@material-ui/core';

// Plain text in the theme's own colours: syntax highlighting's palettes fall below WCAG AA contrast.
const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** A guardrail's example fix as YAML, with a button that copies it; nothing when the pack gives none. */
export function RemediationExample(props: { example?: string; title: string }) {
  const { example, title } = props;
  const classes = useStyles();
  if (!example) return null;
  const text = example.trimEnd();
  return (
    <Box component="section" aria-label={`Example fix for ${title}`} mt={1}>
      <Box display="flex" alignItems="center">
        <Typography variant="subtitle2" component="h4">
          Example fix
        </Typography>
        <CopyTextButton
          text={text}
          tooltipText="Copied"
          aria-label={`Copy the example fix for ${title}`}
        />
      </Box>
      <pre className={classes.code}>
        <code>{text}</code>
      </pre>
    </Box>
  );
}
