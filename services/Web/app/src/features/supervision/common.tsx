import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StationAuditEntry } from '@/lib/api/responses';
import { shortId } from '@/lib/format';
import { useStaffNames } from './api';

/** A case by its short id, linking to its file (reading it there is audited). */
export function CaseLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/cases/${caseId}`} aria-label={t('supervision.openCase', { id: shortId(caseId) })}>
      {t('supervision.caseLabel', { id: shortId(caseId) })}
    </Link>
  );
}

/** A person of the station by name when the roster knows them, else by short id. */
export function StaffName({ stationId, personId }: { stationId: string; personId: string }) {
  const { t } = useTranslation();
  const names = useStaffNames(stationId);
  const name = names.data?.get(personId);
  return name ? <span>{name}</span> : <Typography.Text type="secondary">{t('supervision.personLabel', { id: shortId(personId) })}</Typography.Text>;
}

export function staffName(names: Map<string, string> | undefined, personId: string, t: TFunction): string {
  return names?.get(personId) ?? t('supervision.personLabel', { id: shortId(personId) });
}

/** What an audit entry read: a case file (linked), a household, for a search how many it matched (what was searched stays a hash on the server), for a report exported how many rows it held. */
export function AuditedRecord({ entry }: { entry: StationAuditEntry }) {
  const { t } = useTranslation();
  if (entry.recordKind === 'report') return <span>{t('supervision.auditWhat.rows', { count: entry.matches ?? 0 })}</span>;
  if (entry.recordKind === 'volunteer') {
    return entry.recordId
      ? <span>{t('supervision.auditWhat.volunteer')} {shortId(entry.recordId)}</span>
      : <span>{t('supervision.auditWhat.volunteers', { count: entry.matches ?? 0 })}</span>;
  }
  if (!entry.recordId) return <span>{t('supervision.auditWhat.matches', { count: entry.matches ?? 0 })}</span>;
  return entry.recordKind === 'case'
    ? <CaseLink caseId={entry.recordId} />
    : <span>{t('supervision.auditWhat.household')} {shortId(entry.recordId)}</span>;
}
