import type { i18n as I18n } from 'i18next';
import en from '@/i18n/en.json';
import zhCN from '@/i18n/zh-CN.json';
import { catalogueOf, createI18nWith, type Language } from './i18n-setup';

export { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from './i18n-setup';

// Each feature may keep its own texts in src/features/<feature>/locales/<language>.json; they
// join the shared catalogue under their own top-level keys, so features never edit one file.
const featureCatalogues = import.meta.glob<Record<string, unknown>>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});

export const catalogues = {
  'zh-CN': catalogueOf('zh-CN', zhCN, featureCatalogues),
  en: catalogueOf('en', en, featureCatalogues),
} as const;

export const resources = {
  'zh-CN': { translation: catalogues['zh-CN'] },
  en: { translation: catalogues.en },
} as const;

/** The workbench's i18next instance; zh-CN unless the person chose English before. */
export function createI18n(language?: Language): I18n {
  return createI18nWith(catalogues, language);
}
