import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { messages, type MessageKey } from './messages.ts';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'kzt.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The current language, readable outside React (the API client sends it as Accept-Language). */
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
  const text: string = messages[key][lang];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the right side of a `{ zh, en }` label pair from @kzt/shared. */
export type LabelPair = { zh: string; en: string };

type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  label: (pair: LabelPair | undefined, fallback?: string) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
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
