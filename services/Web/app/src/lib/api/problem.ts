/** An RFC 9457 problem as the services send it, made into an Error the app can throw and catch. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  rule?: string;
  traceId?: string;
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly type?: string;
  /** 422 or 403: the business rule that refused the request. */
  readonly rule?: string;
  /** 400: field → messages, field paths in camelCase ("items[0].name"). */
  readonly fieldErrors: Record<string, string[]>;
  /** 429/503: seconds to wait, from Retry-After. */
  readonly retryAfter?: number;
  readonly problem: ProblemDocument;

  constructor(status: number, problem: ProblemDocument, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.rule = typeof problem.rule === 'string' ? problem.rule : undefined;
    this.fieldErrors = camelCaseFieldErrors(problem.errors);
    this.retryAfter = retryAfter;
    this.problem = problem;
  }
}

/** A failure before any answer came back (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** "Items[0].Name" → "items[0].name"; "$.personId" and "request.personId" → "personId". */
export function camelCaseField(field: string): string {
  const trimmed = field.replace(/^\$\.?/, '').replace(/^request\./i, '');
  return trimmed
    .split('.')
    .map((segment) => (segment.length > 0 ? segment.charAt(0).toLowerCase() + segment.slice(1) : segment))
    .join('.');
}

export function camelCaseFieldErrors(errors: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (errors === null || typeof errors !== 'object') return result;
  for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
    const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    const key = camelCaseField(field);
    result[key] = [...(result[key] ?? []), ...list];
  }
  return result;
}

/** Retry-After in seconds, from either form (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The problem a failed response carries; a body that is not problem+json still gives the status. */
export async function problemFrom(response: Response): Promise<ApiProblem> {
  let document: ProblemDocument = { status: response.status, title: response.statusText || undefined };
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body !== null && typeof body === 'object') document = { ...document, ...(body as ProblemDocument) };
    } catch {
      // An unreadable body: keep what the status says.
    }
  }
  return new ApiProblem(response.status, document, parseRetryAfter(response.headers.get('Retry-After')));
}
