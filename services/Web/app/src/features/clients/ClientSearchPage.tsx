import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { IdcardOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiProblem } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';
import { shortId } from '@/lib/format';
import { PAGE_SIZE, useClientSearch, type ClientMatch } from './api';
import { isSearchable, queryKindOf, type ClientQueryKind } from './query';

const kindIcon: Record<ClientQueryKind, React.ReactNode> = {
  Name: <UserOutlined />,
  IdNumber: <IdcardOutlined />,
  Phone: <PhoneOutlined />,
};

/**
 * 查找服务对象: one box for a full name, an ID number or a phone; the kind is read from what is
 * typed and shown beside it. The query lives in the page's history entry, not its address: back,
 * forward and reload keep it, while no address bar, history list or server log holds a name or an
 * ID number.
 */
export default function ClientSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { q, page } = searchFrom(useLocation().state);
  const show = (next: SearchState) => navigate('/clients', { state: next });
  const [text, setText] = useState(q);
  const [localError, setLocalError] = useState<string>();
  const search = useClientSearch(isSearchable(q) ? q : '', page);

  // Back and forward between searches: the box shows the search on screen.
  useEffect(() => setText(q), [q]);

  const submit = (value: string) => {
    const query = value.trim();
    if (!isSearchable(query)) {
      setLocalError(t('clients.tooShort'));
      return;
    }
    setLocalError(undefined);
    show({ q: query, page: 1 });
  };

  const serverError = isApiProblem(search.error) ? search.error.fieldErrors.q?.join(' ') : undefined;
  const fieldError = localError ?? serverError;
  const typedKind = text.trim() ? queryKindOf(text) : undefined;

  const columns: ColumnsType<ClientMatch> = [
    { key: 'name', title: t('clients.name'), dataIndex: 'name' },
    { key: 'gender', title: t('clients.gender'), render: (_, m) => t(`clients.genderName.${m.gender}`) },
    { key: 'age', title: t('clients.age'), render: (_, m) => t('clients.years', { count: Number(m.age) }) },
    {
      key: 'group',
      title: t('clients.group'),
      render: (_, m) => m.clientGroup ? (
        <Flex vertical gap={4}>
          <span>{t(`clientGroup.${m.clientGroup}`)}</span>
          <Space size={4} wrap>{m.categories.map((c) => <Tag key={c}>{t(`clientCategory.${c}`)}</Tag>)}</Space>
        </Flex>
      ) : <Typography.Text type="secondary">{t('clients.noGroup')}</Typography.Text>,
    },
    {
      key: 'cases',
      title: t('clients.openCases'),
      render: (_, m) => m.openCaseIds.length === 0
        ? <Typography.Text type="secondary">{t('clients.noOpenCase')}</Typography.Text>
        : (
          <Flex vertical gap={4}>
            {m.openCaseIds.map((id) => (
              <Link key={id} className="case-link" to={`/cases/${id}`} aria-label={t('clients.openCaseOf', { name: m.name, id: shortId(id) })}>
                {t('clients.caseLabel', { id: shortId(id) })}
              </Link>
            ))}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('clients.title')}</Typography.Title>
      <Card>
        <Form layout="vertical" role="search" aria-label={t('clients.searchLabel')}>
          <Form.Item
            label={t('clients.query')}
            htmlFor="client-query"
            validateStatus={fieldError ? 'error' : undefined}
            help={fieldError ?? t('clients.hint')}
            extra={typedKind && (
              <Tag icon={kindIcon[typedKind]} className="client-query-kind">{t('clients.searchingBy', { kind: t(`clients.kind.${typedKind}`) })}</Tag>
            )}
          >
            <Input.Search
              id="client-query"
              value={text}
              onChange={(e) => { setText(e.target.value); setLocalError(undefined); }}
              onSearch={submit}
              // antd spaces out a two-character label (查 找); the name stays as written.
              enterButton={<Button type="primary" autoInsertSpace={false}>{t('clients.search')}</Button>}
              maxLength={100}
              allowClear
              autoComplete="off"
              aria-invalid={fieldError ? true : undefined}
            />
          </Form.Item>
        </Form>
      </Card>
      {!q ? (
        <Card><Empty description={t('clients.start')} /></Card>
      ) : search.isError && !serverError ? (
        <Alert type="error" showIcon role="alert" title={describeError(t, search.error)} />
      ) : search.data ? (
        <Card title={<h2 className="card-heading">{t('clients.resultsTitle', { kind: t(`clients.kind.${search.data.kind}`) })}</h2>}>
          <Table<ClientMatch>
            aria-label={t('clients.resultsLabel')}
            rowKey="memberId"
            columns={columns}
            dataSource={search.data.items}
            loading={search.isFetching}
            locale={{ emptyText: <Empty description={t('clients.noMatch', { q })} /> }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: Number(search.data.total),
              hideOnSinglePage: true,
              showSizeChanger: false,
              showTotal: (total) => t('clients.total', { total }),
              onChange: (next) => show({ q, page: next }),
            }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ) : null}
    </Flex>
  );
}

interface SearchState { q: string; page: number }

/** The search a history entry holds (nothing on a first visit). */
function searchFrom(state: unknown): SearchState {
  const held = (state ?? {}) as Partial<SearchState>;
  const q = typeof held.q === 'string' ? held.q.trim() : '';
  const page = typeof held.page === 'number' && Number.isInteger(held.page) && held.page > 0 ? held.page : 1;
  return { q, page };
}
