/** i18next set-up: zh-CN and en, Chinese by default for a Chinese browser, the choice remembered. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'lifecycle-studio.language';

/**
 * The language to start in: the remembered choice, else zh-CN for a Chinese browser, else English.
 *
 * @example
 * initialLanguage(['zh-CN', 'en'], null); // 'zh-CN'
 */
export function initialLanguage(browserLanguages: readonly string[], remembered: string | null): Language {
  if (remembered === 'zh-CN' || remembered === 'en') return remembered;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

/** Starts i18next for the React app. */
export function setUpI18n(): typeof i18next {
  const lng = initialLanguage(navigator.languages ?? [navigator.language], localStorage.getItem(STORAGE_KEY));
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
  });
  return i18next;
}

/** Picks the text of a `{ zh, en }` pair for the current language. */
export const localized = (text: { zh: string; en: string } | undefined, language: string): string =>
  text === undefined ? '' : language.startsWith('zh') ? text.zh || text.en : text.en || text.zh;
