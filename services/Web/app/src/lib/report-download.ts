import { apiFetch } from '@/lib/api/fetch';

export type ReportFormat = 'xlsx' | 'csv';

/** A report's address on the host (/api/<service>/…) with its query, the format added. */
export function reportUrl(service: string, path: string, query: Record<string, string | undefined>, format: ReportFormat): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  search.set('format', format);
  return `/api/${service}${path}?${search.toString()}`;
}

/**
 * The file name the service gave (RFC 6266: filename* in UTF-8 first, as it names files in
 * Chinese; then filename), else the fallback.
 */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
  if (star) {
    try {
      return decodeURIComponent((star[1] ?? '').trim());
    } catch {
      // A malformed encoding falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(contentDisposition);
  return plain?.[1] ? plain[1].trim() : fallback;
}

/**
 * Downloads a report through the host with the session's cookie and the chosen language (so the
 * file's headers are in it), and saves it under the service's name for it. Each download is
 * audited by the service.
 */
export async function downloadReport(url: string, fallbackName: string): Promise<void> {
  const response = await apiFetch(url, { headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click returns; free the blob a moment later.
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}
