import { useState } from 'react';
import { App, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { downloadReport, reportUrl, type ReportFormat } from '@/lib/report-download';

/** Excel and CSV of one report: fetched with the session and the chosen language, saved under the service's file name. */
export function ReportDownloads(
  { service, path, query, name }: { service: string; path: string; query: Record<string, string | undefined>; name: string },
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const download = async (format: ReportFormat) => {
    setBusy(format);
    try {
      await downloadReport(reportUrl(service, path, query, format), `${name}.${format}`);
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex gap="small" wrap>
      <Button loading={busy === 'xlsx'} onClick={() => void download('xlsx')} aria-label={t('downloads.xlsxOf', { name })}>
        {t('downloads.xlsx')}
      </Button>
      <Button loading={busy === 'csv'} onClick={() => void download('csv')} aria-label={t('downloads.csvOf', { name })}>
        {t('downloads.csv')}
      </Button>
    </Flex>
  );
}

