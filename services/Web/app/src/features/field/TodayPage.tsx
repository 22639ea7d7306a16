import { Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { beijingIsoDate } from '@/lib/format';
import { useFieldTasks } from './api';
import { QueuePanel } from './QueuePanel';
import { TaskCard } from './TaskCard';

/** 今日任务: the day's deliveries in route order, each with its next answer. */
export function TodayPage({ volunteerId, kind = 'MealDelivery' }: { volunteerId: string; kind?: 'MealDelivery' | 'CompanionshipVisit' }) {
  const { t } = useTranslation();
  const tasks = useFieldTasks(volunteerId);
  const today = beijingIsoDate(new Date());
  const visits = kind === 'CompanionshipVisit';
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1} className="field-page__title">{visits ? t('field.visits.title') : t('field.today.title')}</Typography.Title>
      <QueuePanel />
      <QueryState query={tasks}>
        {(all) => {
          const shown = all.filter((task) => task.kind === kind && (visits || task.date === today));
          return shown.length === 0
            ? <Empty description={visits ? t('field.visits.none') : t('field.today.none')} />
            : shown.map((task) => <TaskCard key={task.id} task={task} />);
        }}
      </QueryState>
    </Flex>
  );
}
