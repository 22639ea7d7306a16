import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';
import type { DirectoryImportNote } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { DIRECTORY_URL, useImportDirectory } from './api';

interface RowProblem { where: string; messages: string }

/** The HSDS directory: export it (JSON or the tabular package), import the organisation's own file with its problems shown row by row. */
export default function DirectoryPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportDirectory();
  const problems: RowProblem[] = isApiProblem(importing.error)
    ? Object.entries(importing.error.fieldErrors).map(([where, messages]) => ({ where, messages: messages.join(' ') }))
    : [];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('providers.directory.title')}</Typography.Title>
      <Typography.Paragraph>{t('providers.directory.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="card-heading">{t('providers.directory.exportTitle')}</h2>}>
            <Space direction="vertical">
              <Button icon={<DownloadOutlined />} href={DIRECTORY_URL} download="hsds.json">{t('providers.directory.exportJson')}</Button>
              <Button icon={<DownloadOutlined />} href={`${DIRECTORY_URL}?format=csv`} download="hsds.zip">{t('providers.directory.exportPackage')}</Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={<h2 className="card-heading">{t('providers.directory.importTitle')}</h2>}>
            <Flex vertical gap="middle">
              <Typography.Paragraph>{t('providers.directory.importIntro')}</Typography.Paragraph>
              <Upload accept=".json,.zip,application/json,application/zip" maxCount={1} showUploadList={false}
                beforeUpload={(chosen) => { setFile(chosen); importing.reset(); return false; }}>
                <Button icon={<UploadOutlined />}>{t('providers.directory.choose')}</Button>
              </Upload>
              {file && <Typography.Text>{t('providers.directory.chosen', { name: file.name })}</Typography.Text>}
              <Button type="primary" disabled={!file || importing.isPending} loading={importing.isPending}
                onClick={() => file && importing.mutate(file)}>
                {t('providers.directory.import')}
              </Button>
              {importing.isError && problems.length === 0 && <Alert type="error" showIcon role="alert" title={describeError(t, importing.error)} />}
              {problems.length > 0 && (
                <>
                  <Alert type="error" showIcon role="alert" title={t('providers.directory.refused', { count: problems.length })} />
                  <Table<RowProblem> aria-label={t('providers.directory.problems')} rowKey="where" dataSource={problems} pagination={false}
                    columns={[
                      { key: 'where', title: t('providers.directory.where'), dataIndex: 'where' },
                      { key: 'messages', title: t('providers.directory.problem'), dataIndex: 'messages' },
                    ]} />
                </>
              )}
              {importing.data && (
                <>
                  <Alert type="success" showIcon role="status" title={t('providers.directory.imported', {
                    organizations: importing.data.organizations, services: importing.data.services, created: importing.data.newServices,
                  })} />
                  {importing.data.missing.length > 0 && (
                    <Table<DirectoryImportNote> aria-label={t('providers.directory.missing')} rowKey="field" dataSource={importing.data.missing}
                      pagination={false}
                      columns={[
                        { key: 'field', title: t('providers.directory.where'), dataIndex: 'field' },
                        { key: 'note', title: t('providers.directory.note'), dataIndex: 'note' },
                      ]} />
                  )}
                </>
              )}
            </Flex>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
