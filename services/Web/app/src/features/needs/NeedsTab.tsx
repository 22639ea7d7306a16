import { List } from 'antd';

/** Placeholder: the needs helper's NeedsTab replaces this file when the branches merge. */
export function NeedsTab(_props: { caseId: string; stationId: string }) {
  return <List dataSource={[]} renderItem={() => null} />;
}
