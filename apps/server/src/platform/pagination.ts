export type Page = { page: number; pageSize: number };
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const offsetOf = (p: Page) => (p.page - 1) * p.pageSize;

export function paged<T>(items: T[], total: number, p: Page): Paged<T> {
  return { items, total, page: p.page, pageSize: p.pageSize };
}
