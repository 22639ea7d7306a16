/**
 * What every request to the host carries besides its own content: the session's CSRF token (from
 * /auth/me) on unsafe methods, and the chosen language. Kept here so the fetch wrapper has no
 * dependency on React or on the auth feature.
 */
let csrfToken: string | undefined;
let language = 'zh-CN';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

export function setRequestLanguage(value: string): void {
  language = value;
}

export function getRequestLanguage(): string {
  return language;
}
