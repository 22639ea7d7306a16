import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { StationView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { beijingIsoDate } from '@/lib/format';
import { residentIdBirthDate, residentIdGender, residentIdProblem, type ResidentIdProblem } from '@/lib/resident-id';
import { newId, useServerForm } from '@/lib/use-server-form';
import { GENDERS, RELATIONS, useRegisterHousehold, useStation, type HouseholdValues, type MemberValues } from './api';
import { RegisteredHousehold, type Registration } from './RegisteredHousehold';

export interface Registrar {
  personId: string;
  stationId: string;
  isCaseworker: boolean;
}

/** 登记家庭: the household's place and members; then its duplicates and a case for a member. */
export default function RegisterHouseholdPage({ registrar }: { registrar: Registrar }) {
  const { t } = useTranslation();
  const [registration, setRegistration] = useState<Registration | null>(null);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('households.title')}</Typography.Title>
      {registration
        ? <RegisteredHousehold registration={registration} registrar={registrar} onAnother={() => setRegistration(null)} />
        : <HouseholdForm stationId={registrar.stationId} onRegistered={setRegistration} />}
    </Flex>
  );
}

const newMember = (relationToHead?: MemberValues['relationToHead']): Partial<MemberValues> => ({ memberId: newId(), relationToHead });

/** The message for what is wrong with an ID number (see lib/resident-id). */
function idNumberMessage(t: TFunction, problem: ResidentIdProblem): string {
  return problem.kind === 'checkCharacter'
    ? t('households.member.idNumberCheck', { expected: problem.expected })
    : t(`households.member.idNumber_${problem.kind}`);
}

function HouseholdForm({ stationId, onRegistered }: { stationId: string; onRegistered: (registration: Registration) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HouseholdValues>();
  const station = useStation(stationId);
  const register = useRegisterHousehold();
  // One id for the household as long as this form is on the page (the member ids live in the form):
  // a second submit of a double click, even after the first was answered, repeats the same household.
  const [householdId] = useState(newId);
  const { onFinish, pending, formError } = useServerForm(form,
    (values: HouseholdValues) => register.mutateAsync({ values, householdId }), {
      describe: (error) => describeError(t, error),
      onSuccess: (result, values) => onRegistered({ result, values }),
    });

  // The station's own district and township, once known, unless the person has typed their own.
  useEffect(() => prefillPlace(form, station.data), [form, station.data]);

  const today = beijingIsoDate(new Date());
  const required = (key: string) => ({ required: true, whitespace: true, message: t(`households.required.${key}`) });
  const max = (count: number) => ({ max: count, message: t('households.tooLong', { count }) });

  return (
    <Form<HouseholdValues> form={form} layout="vertical" aria-label={t('households.formTitle')} requiredMark
      initialValues={{ members: [newMember('Self')], location: {} }} onFinish={(values) => void onFinish(values)}
      scrollToFirstError>
      {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={<h2 className="card-heading">{t('households.placeTitle')}</h2>}>
            <Form.Item name="address" label={t('households.address')} rules={[required('address'), max(300)]}>
              <Input.TextArea rows={2} autoComplete="street-address" />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name={['location', 'district']} label={t('households.district')} extra={station.data ? undefined : t('households.districtHelp')}
                  rules={[required('district'), max(64)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['location', 'township']} label={t('households.township')} rules={[required('township'), max(64)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['location', 'community']} label={t('households.community')} rules={[required('community'), max(64)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['location', 'grid']} label={t('households.grid')} rules={[required('grid'), max(64)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <fieldset className="form-group">
              <legend>{t('households.position')}</legend>
              <Typography.Paragraph type="secondary">{t('households.positionHelp')}</Typography.Paragraph>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name={['location', 'latitude']} label={t('households.latitude')} dependencies={[['location', 'longitude']]}
                    rules={[bothOrNeither(t, ['location', 'longitude'])]}>
                    <InputNumber min={-90} max={90} step={0.0001} className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['location', 'longitude']} label={t('households.longitude')} dependencies={[['location', 'latitude']]}
                    rules={[bothOrNeither(t, ['location', 'latitude'])]}>
                    <InputNumber min={-180} max={180} step={0.0001} className="full-width" />
                  </Form.Item>
                </Col>
              </Row>
            </fieldset>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={<h2 className="card-heading">{t('households.membersTitle')}</h2>}>
            <Form.List name="members" rules={[{ validator: async (_, members?: Partial<MemberValues>[]) => {
              if ((members ?? []).filter((m) => m?.relationToHead === 'Self').length !== 1) throw new Error(t('households.oneHead'));
            } }]}>
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <fieldset key={field.key} className="form-group member">
                      <legend>{t('households.member.legend', { n: index + 1 })}</legend>
                      <Form.Item name={[field.name, 'memberId']} hidden><Input /></Form.Item>
                      <Row gutter={12}>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'name']} label={t('households.member.name')} rules={[required('name'), max(100)]}>
                            <Input autoComplete="off" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'relationToHead']} label={t('households.member.relation')}
                            rules={[{ required: true, message: t('households.required.relation') }]}>
                            <Select options={RELATIONS.map((r) => ({ value: r, label: t(`households.relation.${r}`) }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'gender']} label={t('households.member.gender')}
                            rules={[{ required: true, message: t('households.required.gender') }]}>
                            <Radio.Group aria-label={t('households.member.gender')}
                              options={GENDERS.map((g) => ({ value: g, label: t(`households.gender.${g}`) }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'idNumber']} label={t('households.member.idNumber')} extra={t('households.member.idNumberHelp')}
                            validateTrigger={['onChange', 'onBlur']} validateFirst
                            rules={[
                              // While typing only what more typing cannot mend; a short number once the field is left.
                              { validateTrigger: 'onChange', validator: async (_, value?: string) => {
                                const problem = value ? residentIdProblem(value, { complete: false }) : null;
                                if (problem) throw new Error(idNumberMessage(t, problem));
                              } },
                              { validateTrigger: 'onBlur', validator: async (_, value?: string) => {
                                const problem = value?.trim() ? residentIdProblem(value, { complete: true }) : null;
                                if (problem) throw new Error(idNumberMessage(t, problem));
                              } },
                            ]}>
                            <Input autoComplete="off" spellCheck={false} maxLength={20} inputMode="text"
                              onChange={(event) => fillFromIdNumber(form, field.name, event.target.value)} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'birthDate']} label={t('households.member.birthDate')}
                            rules={[{ required: true, message: t('households.required.birthDate') }]}
                            getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
                            normalize={(value: dayjs.Dayjs | null) => value?.format('YYYY-MM-DD')}>
                            <DatePicker className="full-width" disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12} lg={8}>
                          <Form.Item name={[field.name, 'phone']} label={t('households.member.phone')} rules={[max(30)]}>
                            <Input autoComplete="off" inputMode="tel" />
                          </Form.Item>
                        </Col>
                      </Row>
                      {fields.length > 1 && (
                        <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                          {t('households.member.remove', { n: index + 1 })}
                        </Button>
                      )}
                    </fieldset>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button icon={<PlusOutlined />} onClick={() => add(newMember())} disabled={fields.length >= 30}>
                    {t('households.member.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        </Col>
      </Row>
      <Space className="form-actions">
        <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('households.submit')}</Button>
      </Space>
    </Form>
  );
}

function prefillPlace(form: ReturnType<typeof Form.useForm<HouseholdValues>>[0], station: StationView | undefined) {
  if (!station) return;
  if (!form.getFieldValue(['location', 'district'])) form.setFieldValue(['location', 'district'], station.districtCode);
  if (!form.getFieldValue(['location', 'township'])) form.setFieldValue(['location', 'township'], station.townshipCode);
}

/** A valid ID number carries the birth date and gender: fill them in where nothing is chosen yet. */
function fillFromIdNumber(form: ReturnType<typeof Form.useForm<HouseholdValues>>[0], index: number, value: string) {
  const birthDate = residentIdBirthDate(value);
  const gender = residentIdGender(value);
  if (birthDate && !form.getFieldValue(['members', index, 'birthDate'])) form.setFieldValue(['members', index, 'birthDate'], birthDate);
  if (gender && !form.getFieldValue(['members', index, 'gender'])) form.setFieldValue(['members', index, 'gender'], gender);
}

/** Latitude and longitude come together (the service's rule), or neither. */
function bothOrNeither(t: TFunction, other: (string | number)[]) {
  return ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
    validator: async (_: unknown, value: unknown) => {
      const otherValue = getFieldValue(other);
      if ((value === null || value === undefined) !== (otherValue === null || otherValue === undefined))
        throw new Error(t('households.positionBoth'));
    },
  });
}
