import { CodeSnippet } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';

/** A guardrail's example fix as YAML, with a button that copies it; nothing when the pack gives none. */
export function RemediationExample(props: { example?: string; title: string }) {
  const { example, title } = props;
  if (!example) return null;
  return (
    <Box component="section" aria-label={`Example fix for ${title}`} mt={1}>
      <Typography variant="subtitle2" component="h4">
        Example fix
      </Typography>
      <CodeSnippet
        text={example.trimEnd()}
        language="yaml"
        showCopyCodeButton
      />
    </Box>
  );
}
