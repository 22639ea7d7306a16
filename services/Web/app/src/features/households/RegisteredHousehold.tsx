import { useId, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Modal, Radio, Select, Space, Typography } from 'antd';
import { FolderAddOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ClientCategory, ClientGroup, HouseholdRegistered, PossibleDuplicate } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { beijingIsoDate, formatDate, shortId } from '@/lib/format';
import { newId, useServerForm } from '@/lib/use-server-form';
import {
  useMergeHouseholds, useOpenCase, useStationCaseworkers, type CaseFor, type HouseholdValues, type MemberValues, type OpenCaseValues,
} from './api';
import type { Registrar } from './RegisterHouseholdPage';

export interface Registration {
  result: HouseholdRegistered;
  values: HouseholdValues;
}

/** The household just registered: each member with any possible duplicate beside them, and a case to open. */
export function RegisteredHousehold({ registration, registrar, onAnother }: {
  registration: Registration; registrar: Registrar; onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { result, values } = registration;
  // Once merged, the new household lives on inside the kept one; a second merge would be refused.
  const [mergedInto, setMergedInto] = useState<string | null>(null);
  const [openingFor, setOpeningFor] = useState<{ member: MemberValues; client: CaseFor } | null>(null);
  const caseFor = (member: MemberValues, duplicate: PossibleDuplicate | undefined): CaseFor => ({
    stationId: registrar.stationId,
    caseworkerId: registrar.personId,
    // After a merge the person already registered is the one the case is for: their record has the history.
    ...(mergedInto && duplicate?.likelySameAsHouseholdId === mergedInto
      ? { householdId: duplicate.likelySameAsHouseholdId, memberId: duplicate.likelySameAsMemberId }
      : { householdId: result.householdId, memberId: member.memberId }),
    location: { district: values.location.district.trim(), township: values.location.township.trim(), grid: values.location.grid.trim() },
  });

  return (
    <Card title={<h2 className="card-heading">{t('households.registered.title', { id: shortId(result.householdId) })}</h2>}
      extra={<Button icon={<PlusOutlined />} onClick={onAnother}>{t('households.registered.another')}</Button>}>
      <Flex vertical gap="middle">
        <Alert type="success" showIcon role="status"
          title={t('households.registered.done', { address: values.address.trim(), count: values.members.length })} />
        {result.possibleDuplicates.length > 0 && (
          <Typography.Paragraph>{t('households.registered.duplicatesIntro', { count: result.possibleDuplicates.length })}</Typography.Paragraph>
        )}
        <ul className="member-list" aria-label={t('households.registered.members')}>
          {values.members.map((member) => {
            const duplicates = result.possibleDuplicates.filter((d) => d.memberId === member.memberId);
            const merged = duplicates.find((d) => d.likelySameAsHouseholdId === mergedInto);
            return (
              <li key={member.memberId} aria-label={member.name.trim()} className="member-list__item">
                <Flex vertical gap="small">
                  <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} title={<h3 className="card-heading">{member.name.trim()}</h3>}
                    items={[
                      { key: 'relation', label: t('households.member.relation'), children: t(`households.relation.${member.relationToHead}`) },
                      { key: 'gender', label: t('households.member.gender'), children: t(`households.gender.${member.gender}`) },
                      { key: 'birth', label: t('households.member.birthDate'), children: formatDate(`${member.birthDate}T00:00:00+08:00`, i18n.language) },
                      { key: 'id', label: t('households.member.idNumber'), children: member.idNumber?.trim() ? member.idNumber.trim().toUpperCase() : t('households.registered.noIdNumber') },
                    ]} />
                  {duplicates.map((duplicate) => (
                    <DuplicateWarning key={`${duplicate.likelySameAsHouseholdId}/${duplicate.likelySameAsMemberId}`}
                      duplicate={duplicate} name={member.name.trim()} mergedInto={mergedInto} onMerged={setMergedInto} />
                  ))}
                  <Space>
                    <Button type="primary" icon={<FolderAddOutlined />} onClick={() => setOpeningFor({ member, client: caseFor(member, merged ?? duplicates[0]) })}>
                      {t('households.openCase.button', { name: member.name.trim() })}
                    </Button>
                  </Space>
                </Flex>
              </li>
            );
          })}
        </ul>
      </Flex>
      {openingFor && (
        <OpenCaseDialog member={openingFor.member} client={openingFor.client} registrar={registrar} onClose={() => setOpeningFor(null)} />
      )}
    </Card>
  );
}

/** 疑似重复: who the member may already be, and the way to merge this registration into theirs. */
function DuplicateWarning({ duplicate, name, mergedInto, onMerged }: {
  duplicate: PossibleDuplicate; name: string; mergedInto: string | null; onMerged: (keptId: string) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const merge = useMergeHouseholds();
  const kept = shortId(duplicate.likelySameAsHouseholdId);
  const isMerged = mergedInto === duplicate.likelySameAsHouseholdId;

  const confirm = () => modal.confirm({
    title: t('households.merge.title'),
    content: t('households.merge.explain', { id: kept }),
    okText: t('households.merge.confirm'),
    cancelText: t('households.merge.cancel'),
    onOk: async () => {
      try {
        await merge.mutateAsync({ keptId: duplicate.likelySameAsHouseholdId, otherId: duplicate.householdId });
        onMerged(duplicate.likelySameAsHouseholdId);
        void message.success(t('households.merge.done', { id: kept }));
      } catch (error) {
        void message.error(describeError(t, error));
      }
    },
  });

  if (isMerged) return <Alert type="info" showIcon role="status" title={t('households.merge.merged', { id: kept })} />;
  return (
    <Alert type="warning" showIcon role="alert"
      title={t('households.duplicate.title', { name })}
      description={t(`households.duplicate.${duplicate.reason}`, { id: kept })}
      action={mergedInto === null && (
        <Button icon={<MergeCellsOutlined />} onClick={confirm}>{t('households.duplicate.merge', { id: kept })}</Button>
      )} />
  );
}

const ELDERLY_CATEGORIES: readonly ClientCategory[] = ['EmptyNest', 'LivesAlone', 'AdvancedAge', 'WidowedOrChildless', 'ExtremelyPoor', 'Disabled'];
const CHILD_CATEGORIES: readonly ClientCategory[] = ['ChildInDifficulty', 'LeftBehind', 'ExtremelyPoor', 'Disabled'];

interface OpenCaseForm extends OpenCaseValues { caseworkerId?: string }

/** 开案 for one member: their group and categories; the case file opens once it is written. */
function OpenCaseDialog({ member, client, registrar, onClose }: {
  member: MemberValues; client: CaseFor; registrar: Registrar; onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formId = useId();
  const [form] = Form.useForm<OpenCaseForm>();
  const open = useOpenCase();
  const caseworkers = useStationCaseworkers(registrar.stationId, !registrar.isCaseworker);
  const group = Form.useWatch('clientGroup', form) as ClientGroup | undefined;
  const title = t('households.openCase.title', { name: member.name.trim() });
  // One case id while the dialog is open: a double click or a retry opens one case.
  const [caseId] = useState(newId);
  const { onFinish, pending, formError } = useServerForm(form, (values: OpenCaseForm) =>
    open.mutateAsync({
      caseId,
      values: { clientGroup: values.clientGroup, categories: values.categories },
      client: { ...client, caseworkerId: registrar.isCaseworker ? registrar.personId : values.caseworkerId! },
    }).then(() => caseId), {
    describe: (error) => describeError(t, error),
    onSuccess: (caseId) => void navigate(`/cases/${caseId}`),
  });

  const categories = (group ?? 'Elderly') === 'Child' ? CHILD_CATEGORIES : ELDERLY_CATEGORIES;
  return (
    <Modal open title={title} okText={t('households.openCase.submit')} cancelText={t('households.merge.cancel')} onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: pending, disabled: pending }} destroyOnHidden>
      <Form<OpenCaseForm> form={form} id={formId} layout="vertical" aria-label={title} requiredMark
        initialValues={{ clientGroup: isChild(member.birthDate) ? 'Child' : 'Elderly', categories: [] }}
        onValuesChange={(changed: Partial<OpenCaseForm>) => {
          // Categories that describe only the other group (一老一小) go when the group changes.
          if (changed.clientGroup) {
            const allowed = changed.clientGroup === 'Child' ? CHILD_CATEGORIES : ELDERLY_CATEGORIES;
            form.setFieldValue('categories', (form.getFieldValue('categories') as ClientCategory[]).filter((c) => allowed.includes(c)));
          }
        }}
        onFinish={(values) => void onFinish(values)}>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item name="clientGroup" label={t('households.openCase.group')} rules={[{ required: true, message: t('households.required.group') }]}>
          <Radio.Group aria-label={t('households.openCase.group')}
            options={(['Elderly', 'Child'] as const).map((g) => ({ value: g, label: t(`clientGroup.${g}`) }))} />
        </Form.Item>
        <Form.Item name="categories" label={t('households.openCase.categories')}
          rules={[{ required: true, type: 'array', min: 1, message: t('households.required.categories') }]}>
          <Select mode="multiple" options={categories.map((c) => ({ value: c, label: t(`clientCategory.${c}`) }))} />
        </Form.Item>
        {!registrar.isCaseworker && (
          <Form.Item name="caseworkerId" label={t('households.openCase.caseworker')}
            rules={[{ required: true, message: t('households.required.caseworker') }]}>
            <Select loading={caseworkers.isPending}
              options={(caseworkers.data ?? []).map((m) => ({ value: m.personId, label: m.name ?? shortId(m.personId) }))} />
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary">
          {t('households.openCase.where', { grid: client.location.grid, township: client.location.township })}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

/** Under 18 in Beijing today: a child (未成年人). */
function isChild(birthDate: string): boolean {
  const today = beijingIsoDate(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const eighteen = `${y - 18}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return birthDate > eighteen;
}
