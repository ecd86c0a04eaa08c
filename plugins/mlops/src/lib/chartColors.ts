import type { Theme } from '@material-ui/core/styles';
import type { StatusTone } from './statusTone';

/**
 * The fill colour of a status tone in charts, from the theme (so dark mode
 * works), matching the status icons' meaning.
 *
 * @internal
 */
export function toneColor(theme: Theme, tone: StatusTone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'error':
      return theme.palette.error.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'running':
      return theme.palette.info.main;
    default:
      return theme.palette.grey[600];
  }
}
