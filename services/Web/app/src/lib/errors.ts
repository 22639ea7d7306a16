import type { TFunction } from 'i18next';
import { isApiProblem, NetworkError } from '@/lib/api/problem';

/** One sentence for a failed call, in the reader's language; the server's own detail for a broken rule. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (!isApiProblem(error)) return t('errors.generic');
  switch (error.status) {
    case 400: return t('errors.validation');
    // A named rule (only the provider may accept, say) says why in the server's words; otherwise the general refusal.
    case 403: return error.rule && error.detail ? t('errors.forbiddenRule', { detail: error.detail }) : t('errors.forbiddenText');
    case 404: return t('errors.notFoundText');
    case 409:
    case 412: return t('errors.conflict');
    case 422: return t('errors.rule', { detail: error.detail ?? error.rule ?? '' });
    case 429: return t('errors.tooMany', { seconds: error.retryAfter ?? 30 });
    case 503: return t('errors.unavailable', { seconds: error.retryAfter ?? 30 });
    default: return error.detail ?? t('errors.generic');
  }
}
