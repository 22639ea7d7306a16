import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Radio, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CaseAssessment, CaseFile } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDateTime, riskColour, riskLabel } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import { useRecordAssessment } from './api';
import {
  BARTHEL_ITEMS, BARTHEL_MAX, DIFFICULTY_TYPES, LIVING_SITUATIONS, liveAssessment, MENTAL_STATES, SOCIAL_PARTICIPATIONS,
  type BarthelAnswers, type DifficultyType, type LivingSituation, type MentalState, type SocialParticipation,
} from './barthel';
import type { CaseReader } from './CaseFilePage';
import { abilityLabel, FormErrors, onListField } from './parts';

interface AssessmentForm {
  barthel: BarthelAnswers;
  livingSituation?: LivingSituation;
  mentalState?: MentalState;
  socialParticipation?: SocialParticipation;
  difficultyType?: DifficultyType;
  healthConditions?: string[];
}

/** 评估: the Barthel form (score and levels live as it is filled) and the assessments so far. */
export function AssessmentsTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<CaseAssessment> = [
    { key: 'at', title: t('caseFile.assessments.at'), render: (_, a) => formatDateTime(a.assessedAt, i18n.language) },
    { key: 'adl', title: t('caseFile.assessments.adl'), dataIndex: 'adlScore' },
    { key: 'ability', title: t('caseFile.assessments.ability'), render: (_, a) => abilityLabel(t, a.abilityLevel) },
    { key: 'risk', title: t('caseFile.assessments.risk'), render: (_, a) => <Tag color={riskColour(a.riskLevel)}>{riskLabel(t, a.riskLevel)}</Tag> },
  ];
  return (
    <Row gutter={[16, 16]}>
      {reader.breakGlassReason === null && file.status !== 'Closed' && (
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-heading">{t('caseFile.assessments.formTitle')}</h2>}>
            <AssessmentFormCard file={file} />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={reader.breakGlassReason === null && file.status !== 'Closed' ? 10 : 24}>
        <Card title={<h2 className="card-heading">{t('caseFile.assessments.history')}</h2>}>
          <Table<CaseAssessment> aria-label={t('caseFile.assessments.history')} rowKey="id" columns={columns}
            dataSource={[...file.assessments].reverse()} pagination={false}
            locale={{ emptyText: <Empty description={t('caseFile.assessments.none')} /> }} />
        </Card>
      </Col>
    </Row>
  );
}

/** The answers a score may take, by how many the item has: 完全依赖 … 自理. */
function scoreWords(count: number, index: number): string {
  const scale = count === 2 ? ['needsHelp', 'independent'] : count === 3 ? ['dependent', 'someHelp', 'independent']
    : ['dependent', 'majorHelp', 'minorHelp', 'independent'];
  return `caseFile.barthel.answer.${scale[index]}`;
}

function AssessmentFormCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentForm>();
  const values = Form.useWatch([], form) as AssessmentForm | undefined;
  const live = liveAssessment(values ?? {});
  const record = useRecordAssessment(file.id);
  const child = file.clientGroup === 'Child';

  const { onFinish, pending, formError } = useServerForm(form, (v: AssessmentForm, requestId: string) =>
    onListField(['healthConditions'], () => record.mutateAsync({
      requestId,
      values: {
        livingSituation: v.livingSituation!, mentalState: v.mentalState!, socialParticipation: v.socialParticipation!,
        difficultyType: child ? v.difficultyType ?? null : null, healthConditions: v.healthConditions ?? [],
        adlScore: liveAssessment(v).total,
      },
    })), {
    describe: (error) => describeError(t, error),
    onSuccess: () => { void message.success(t('caseFile.assessments.saved')); form.resetFields(); },
  });

  const options = <T extends string>(values: readonly T[], group: string) => values.map((value) => ({ value, label: t(`caseFile.${group}.${value}`) }));
  return (
    <Form<AssessmentForm> form={form} layout="vertical" aria-label={t('caseFile.assessments.formTitle')}
      initialValues={{ barthel: {} }} onFinish={(v) => void onFinish(v)} requiredMark>
      <FormErrors errors={formError} />
      <fieldset className="barthel">
        <legend>{t('caseFile.barthel.legend')}</legend>
        {BARTHEL_ITEMS.map((item) => (
          <Form.Item key={item.key} name={['barthel', item.key]} label={t(`caseFile.barthel.item.${item.key}`)}
            rules={[{ required: true, message: t('caseFile.barthel.required') }]}>
            <Radio.Group aria-label={t(`caseFile.barthel.item.${item.key}`)}
              options={item.scores.map((score, index) => ({
                value: score, label: t('caseFile.barthel.option', { words: t(scoreWords(item.scores.length, index)), score }),
              }))} />
          </Form.Item>
        ))}
      </fieldset>
      <Form.Item name="mentalState" label={t('caseFile.assessments.mentalState')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={options(MENTAL_STATES, 'mentalState')} />
      </Form.Item>
      <Form.Item name="livingSituation" label={t('caseFile.assessments.livingSituation')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={options(LIVING_SITUATIONS, 'livingSituation')} />
      </Form.Item>
      <Form.Item name="socialParticipation" label={t('caseFile.assessments.socialParticipation')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={options(SOCIAL_PARTICIPATIONS, 'socialParticipation')} />
      </Form.Item>
      {child && (
        <Form.Item name="difficultyType" label={t('caseFile.assessments.difficultyType')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
          <Select options={options(DIFFICULTY_TYPES, 'difficultyType')} />
        </Form.Item>
      )}
      <Form.Item name="healthConditions" label={t('caseFile.assessments.healthConditions')} extra={t('caseFile.assessments.healthConditionsHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
      <div role="status" aria-live="polite" aria-label={t('caseFile.assessments.liveTitle')} className="live-score">
      <Descriptions size="small" column={1} bordered
        items={[
          { key: 'total', label: t('caseFile.assessments.total'),
            children: t('caseFile.assessments.totalValue', { total: live.total, max: BARTHEL_MAX, answered: live.answered, items: BARTHEL_ITEMS.length }) },
          { key: 'ability', label: t('caseFile.assessments.ability'), children: live.ability === null ? t('caseFile.assessments.pending') : abilityLabel(t, live.ability) },
          { key: 'risk', label: t('caseFile.assessments.risk'), children: live.risk === null ? t('caseFile.assessments.pending') : riskLabel(t, live.risk) },
        ]} />
      </div>
      <Typography.Paragraph type="secondary" className="live-score__note">{t('caseFile.assessments.liveNote')}</Typography.Paragraph>
      <Flex gap="small">
        <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('caseFile.assessments.submit')}</Button>
      </Flex>
    </Form>
  );
}
