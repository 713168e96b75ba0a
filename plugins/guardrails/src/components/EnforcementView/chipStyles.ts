import { darken, makeStyles } from '@material-ui/core';

// Filled chips take the theme's contrast text for their background, so light and dark themes stay readable (the
// success colour is darkened: white on the theme's success.dark is below 4.5:1); the state is always written out, so
// colour is never the only signal. Unknown, stale and off are outlined, never drawn
// like in sync.
export const useChipStyles = makeStyles(theme => {
  const filled = (background: string) => ({
    backgroundColor: background,
    color: theme.palette.getContrastText(background),
    '& $icon': { color: theme.palette.getContrastText(background) },
  });
  const outlined = {
    color: theme.palette.text.primary,
    borderColor: theme.palette.text.secondary,
    '& $icon': { color: theme.palette.text.primary },
  };
  return {
    icon: {},
    'in-sync': filled(darken(theme.palette.success.dark, 0.2)),
    failing: filled(theme.palette.error.dark),
    paused: filled(theme.palette.warning.main),
    stale: outlined,
    'never-synced': outlined,
    off: outlined,
    pending: outlined,
  };
});
