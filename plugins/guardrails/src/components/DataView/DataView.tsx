import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import { ReactNode } from 'react';
import { DataState } from '../../hooks/useGuardrailsData';

/** Loading and error states of one request, with a retry; renders the children once loaded. */
export function DataView<T>(props: {
  state: DataState<T> & { retry: () => void };
  title?: string;
  children: (value: T) => ReactNode;
}) {
  const { state } = props;
  if (state.status === 'loading') {
    return <Progress />;
  }
  if (state.status === 'error') {
    return (
      <Box>
        <ResponseErrorPanel error={state.error} title={props.title} />
        <Box mt={1}>
          <Button variant="outlined" size="small" onClick={state.retry}>
            Try again
          </Button>
        </Box>
      </Box>
    );
  }
  return <>{props.children(state.value)}</>;
}
