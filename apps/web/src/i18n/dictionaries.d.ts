// `./messages.ts?lang=zh|en`: the dictionary in one language (vite.messages.ts).
declare module '*messages.ts?lang=zh' {
  export const messages: Record<import('./messages.ts').MessageKey, string>;
}
declare module '*messages.ts?lang=en' {
  export const messages: Record<import('./messages.ts').MessageKey, string>;
}
