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
type Dictionary = Partial<Record<MessageKey, string>>;
type Language = { messages: Dictionary; antd: AntdLocale };

const languages: Partial<Record<Lang, Language>> = { zh: { messages: zhMessages, antd: zhCN } };
let english: Promise<Language> | undefined;

/**
 * The dictionaries of areas whose strings no shell page needs: each is a chunk
 * of its own per language, loaded with the area's pages (the router waits for
 * it before drawing one), so the first page carries only the shell's strings.
 * A page of another area that shows one of these areas' parts lists it too.
 */
const AREAS = {
  contracts: { zh: () => import('./contracts.messages.ts?lang=zh'), en: () => import('./contracts.messages.ts?lang=en') },
  policy: { zh: () => import('./policy.messages.ts?lang=zh'), en: () => import('./policy.messages.ts?lang=en') },
  challenges: { zh: () => import('./challenges.messages.ts?lang=zh'), en: () => import('./challenges.messages.ts?lang=en') },
  statistics: { zh: () => import('./statistics.messages.ts?lang=zh'), en: () => import('./statistics.messages.ts?lang=en') },
  distributions: { zh: () => import('./distributions.messages.ts?lang=zh'), en: () => import('./distributions.messages.ts?lang=en') },
} satisfies Record<string, Record<Lang, () => Promise<object>>>;
export type Area = keyof typeof AREAS;

const areaMessages: Record<Lang, Dictionary> = { zh: {}, en: {} };
const areaLoads = new Map<string, Promise<void>>();
const wantedAreas = new Set<Area>();

function loadArea(lang: Lang, area: Area): Promise<void> {
  const id = `${lang}:${area}`;
  let load = areaLoads.get(id);
  if (!load) {
    load = AREAS[area][lang]().then(
      // The file's one export: the area's dictionary in this language.
      (m) => void Object.assign(areaMessages[lang], ...Object.values(m)),
      (err: unknown) => {
        areaLoads.delete(id); // a later visit tries again
        throw err;
      },
    );
    areaLoads.set(id, load);
  }
  return load;
}

/** Makes the areas' strings available in the current language (and in any language switched to later). */
export function loadMessages(...areas: Area[]): Promise<void> {
  for (const a of areas) wantedAreas.add(a);
  return Promise.all(areas.map((a) => loadArea(currentLang, a))).then(() => undefined);
}

/** Makes the language's dictionary and Ant Design locale available (English is fetched once), with the areas already in use. */
export function loadLanguage(lang: Lang): Promise<void> {
  const areas = Promise.all([...wantedAreas].map((a) => loadArea(lang, a)));
  if (languages[lang]) return areas.then(() => undefined);
  english ??= Promise.all([import('./messages.ts?lang=en'), import('antd/locale/en_US')]).then(
    ([m, antd]) => (languages.en = { messages: m.messages, antd: antd.default }),
    (err: unknown) => {
      english = undefined; // a later switch tries again
      throw err;
    },
  );
  return Promise.all([english, areas]).then(() => undefined);
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
  const text: string =
    (languages[lang] ?? languages.zh!).messages[key] ?? areaMessages[lang][key] ?? languages.zh?.messages[key] ?? areaMessages.zh[key] ?? key;
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
