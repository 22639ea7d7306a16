import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import { appTheme } from '../src/app/theme';

/**
 * antd's component styles under the apps' theme as one stylesheet, with the map of style paths antd's
 * runtime reads to skip generating them: a page's first render then spends nothing on writing CSS.
 * A component or theme the map lacks (elder mode's larger sizes) is still styled at runtime.
 */
export function antdStyles(): string {
  return extractStyle({
    includes: COMPONENTS,
    customTheme: (node) => <ConfigProvider theme={appTheme(false)} componentSize="middle">{node}</ConfigProvider>,
  });
}

/** The components the apps use, and those they bring up inside (tooltips, drop-downs, messages). */
const COMPONENTS = [
  'Alert', 'App', 'Badge', 'Button', 'Card', 'Checkbox', 'DatePicker', 'Descriptions', 'Drawer', 'Dropdown', 'Empty', 'Flex',
  'Form', 'Grid', 'Input', 'InputNumber', 'Layout', 'List', 'Menu', 'Modal', 'Pagination', 'Popconfirm', 'Popover', 'Progress',
  'Radio', 'Result', 'Segmented', 'Select', 'Skeleton', 'Space', 'Spin', 'Statistic', 'Switch', 'Table', 'Tabs', 'Tag', 'Timeline',
  'Tooltip', 'Typography', 'Upload', 'message', 'notification',
];
