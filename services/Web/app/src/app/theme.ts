import type { ThemeConfig } from 'antd';
import { elderModeTheme } from '../lib/elder-mode';

/**
 * antd's defaults for secondary text (45 % black), for links (#1677ff, 4.1:1) and for a switch that
 * is off (25 % black under white text) fall short of WCAG AA's 4.5:1 on white: darker, so axe-core
 * finds no contrast failure.
 */
export const CONTRAST_THEME: ThemeConfig = {
  token: { colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorLink: '#0958d9' },
  components: { Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)' } },
};

/** The apps' theme, in elder mode or not: the build extracts antd's styles under it (build/antd-styles.tsx). */
export function appTheme(elder: boolean): ThemeConfig {
  return { token: { colorPrimary: '#b42318', ...CONTRAST_THEME.token, ...elderModeTheme(elder) }, components: CONTRAST_THEME.components };
}
