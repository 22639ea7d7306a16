import type { i18n as I18n } from 'i18next';
import en from '@/i18n/en.json';
import zhCN from '@/i18n/zh-CN.json';
import fieldEn from '@/features/field/locales/en.json';
import fieldZhCN from '@/features/field/locales/zh-CN.json';
import { catalogueOf, createI18nWith } from '@/lib/i18n-setup';

// The phone app's texts: the shared ones and its own (the workbench's features stay out of its download).
const own = { 'field/zh-CN.json': fieldZhCN, 'field/en.json': fieldEn };

export function createFieldI18n(): I18n {
  return createI18nWith({ 'zh-CN': catalogueOf('zh-CN', zhCN, own), en: catalogueOf('en', en, own) });
}
