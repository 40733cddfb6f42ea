import { transformWithOxc, type Plugin } from 'vite';

/**
 * The dictionary is written as `{ zh, en }` pairs (src/i18n/*messages.ts), so
 * a key and its two languages stay on one line. A browser needs only one of
 * them: `import { messages } from './messages.ts?lang=zh'` gives the same
 * object with each pair replaced by its Chinese text (and the dictionary
 * files it imports likewise), so Chinese ships with the first page and
 * English is its own chunk, fetched when someone switches to it.
 */
const LANG_QUERY = /\?lang=(zh|en)$/;
const MESSAGES_FILE = /[\\/]src[\\/]i18n[\\/][\w.-]*messages\.ts$/;

type Node = { type: string; start: number; end: number; [k: string]: unknown };
type Prop = Node & { key: Node & { name?: string; value?: unknown }; value: Node; computed: boolean };

const keyName = (p: Prop) => (p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined);

export function messagesByLanguage(): Plugin {
  return {
    name: 'kzt:messages-by-language',
    enforce: 'pre',
    async transform(code, id) {
      const lang = LANG_QUERY.exec(id)?.[1];
      if (!lang) return null;
      const file = id.replace(LANG_QUERY, '');
      if (!MESSAGES_FILE.test(file)) this.error(`?lang= is for the dictionary files only: ${id}`);
      const js = (await transformWithOxc(code, file, { lang: 'ts', sourcemap: false })).code;
      const ast = this.parse(js) as unknown as Node;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown) => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Node;
        if (n.type === 'ObjectExpression') {
          const props = n.properties as Prop[];
          const names = props.map((p) => (p.type === 'Property' && !p.computed ? keyName(p) : undefined));
          if (props.length === 2 && names.includes('zh') && names.includes('en')) {
            const pick = props[names.indexOf(lang)].value;
            edits.push({ start: n.start, end: n.end, text: js.slice(pick.start, pick.end) });
            return;
          }
        }
        if (n.type === 'ImportDeclaration') {
          const src = n.source as Node & { value: string };
          if (/messages\.ts$/.test(src.value)) edits.push({ start: src.start, end: src.end, text: JSON.stringify(`${src.value}?lang=${lang}`) });
          return;
        }
        for (const [k, v] of Object.entries(n)) if (k !== 'type' && k !== 'start' && k !== 'end') visit(v);
      };
      visit(ast);
      let out = js;
      for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return { code: out, map: null, moduleType: 'js' };
    },
  };
}
