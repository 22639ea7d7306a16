import { describe, expect, it } from 'vitest';
import { catalogues, createI18n } from './i18n';

const en = catalogues.en;
const zhCN = catalogues['zh-CN'];
import { getRequestLanguage } from './api/session-headers';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(catalogue: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const key of keys(catalogue)) {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
    result[key] = [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
  }
  return result;
}

describe('the catalogue', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has the same placeholders in both languages', () => {
    expect(placeholders(en)).toEqual(placeholders(zhCN));
  });

  it('has no empty text', () => {
    for (const catalogue of [zhCN, en]) {
      const empty = keys(catalogue).filter((key) =>
        String(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue)).trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('starts in Chinese and follows a language change in requests and <html lang>', async () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('app.title')).toBe('社工站工作台');
    await i18n.changeLanguage('en');
    expect(getRequestLanguage()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('fivesoc.language')).toBe('en');
    expect(createI18n().language).toBe('en');
  });
});
