import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { MessageKey } from './messages.ts';
// Chinese ships with the first page; English is its own chunk, fetched when
// chosen (vite.messages.ts makes one dictionary per language from the pairs).
import { messages as zhMessages } from './messages.ts?lang=zh';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'kzt.lang';

type AntdLocale = typeof zhCN;
type Language = { messages: Record<MessageKey, string>; antd: AntdLocale };

const languages: Partial<Record<Lang, Language>> = { zh: { messages: zhMessages, antd: zhCN } };
let english: Promise<Language> | undefined;

/** Makes the language's dictionary and Ant Design locale available (English is fetched once). */
export function loadLanguage(lang: Lang): Promise<void> {
  if (languages[lang]) return Promise.resolve();
  english ??= Promise.all([import('./messages.ts?lang=en'), import('antd/locale/en_US')]).then(
    ([m, antd]) => (languages.en = { messages: m.messages, antd: antd.default }),
    (err: unknown) => {
      english = undefined; // a later switch tries again
      throw err;
    },
  );
  return english.then(() => undefined);
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/**
 * The current language, readable outside React (the API client sends it as
 * Accept-Language). main.tsx loads it before the first render.
 */
let currentLang: Lang = readStoredLang();
export const getLang = (): Lang => currentLang;
export const acceptLanguage = (lang: Lang = currentLang) => (lang === 'en' ? 'en' : 'zh-CN,zh;q=0.9');

function applyLang(lang: Lang) {
  currentLang = lang;
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}
applyLang(currentLang);

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // Until English has arrived (a moment after switching), the Chinese text.
  // A key this build does not know (a newer server's work item, say) shows as itself rather than breaking the page.
  const text: string = (languages[lang] ?? languages.zh!).messages[key] ?? languages.zh?.messages[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the right side of a `{ zh, en }` label pair from @kzt/shared. */
export type LabelPair = { zh: string; en: string };

type I18n = {
  lang: Lang;
  /** Ant Design's texts (date pickers, pagination, …) in the same language. */
  antdLocale: AntdLocale;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  label: (pair: LabelPair | undefined, fallback?: string) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    // Switched once the dictionary is here; offline, the page stays as it is.
    loadLanguage(next).then(
      () => {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          /* private mode: the choice lasts for this page only */
        }
        applyLang(next);
        setLangState(next);
      },
      () => undefined,
    );
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      antdLocale: (languages[lang] ?? languages.zh!).antd,
      setLang,
      t: (key, params) => translate(lang, key, params),
      label: (pair, fallback = '') => (pair ? pair[lang] : fallback),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { MessageKey };
