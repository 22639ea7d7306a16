import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '@/lib/api/session-headers';

// How an app's catalogue is put together and an i18next instance made from it. The workbench
// (lib/i18n.ts) takes every feature's texts; the volunteer's phone app only its own, which
// keeps its first download small.

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
const STORAGE_KEY = 'fivesoc.language';

export type Catalogue = Record<string, unknown>;

/** The shared catalogue of one language with the features' own texts (each under its own top-level keys) joined in. */
export function catalogueOf(language: string, shared: Catalogue, featureCatalogues: Record<string, Catalogue>): Catalogue {
  const merged: Catalogue = { ...shared };
  for (const [path, texts] of Object.entries(featureCatalogues)) {
    if (!path.endsWith(`/${language}.json`)) continue;
    for (const [key, value] of Object.entries(texts)) {
      if (key in merged) throw new Error(`i18n: "${key}" in ${path} is already defined elsewhere`);
      merged[key] = value;
    }
  }
  return merged;
}

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

/** A ready i18next instance over these catalogues; zh-CN unless the person chose English before. */
export function createI18nWith(catalogues: Record<Language, Catalogue>, language: Language = storedLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: catalogues['zh-CN'] }, en: { translation: catalogues.en } },
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
