import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '@/i18n/en.json';
import zhCN from '@/i18n/zh-CN.json';
import { setRequestLanguage } from '@/lib/api/session-headers';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
const STORAGE_KEY = 'fivesoc.language';

// Each feature may keep its own texts in src/features/<feature>/locales/<language>.json; they
// join the shared catalogue under their own top-level keys, so features never edit one file.
const featureCatalogues = import.meta.glob<Record<string, unknown>>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});

function catalogueOf(language: string, shared: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...shared };
  for (const [path, texts] of Object.entries(featureCatalogues)) {
    if (!path.endsWith(`/${language}.json`)) continue;
    for (const [key, value] of Object.entries(texts)) {
      if (key in merged) throw new Error(`i18n: "${key}" in ${path} is already defined elsewhere`);
      merged[key] = value;
    }
  }
  return merged;
}

export const catalogues = {
  'zh-CN': catalogueOf('zh-CN', zhCN),
  en: catalogueOf('en', en),
} as const;

export const resources = {
  'zh-CN': { translation: catalogues['zh-CN'] },
  en: { translation: catalogues.en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** A ready i18next instance; zh-CN unless the person chose English before. */
export function createI18n(language: Language = storedLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  setRequestLanguage(language);
  instance.on('languageChanged', (lng) => {
    setRequestLanguage(lng);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return instance;
}
