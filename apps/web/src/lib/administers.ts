/** Whether the signed-in person administers `code` (GB/T 2260: a province contains its cities, a city its districts). */
export function administers(me: { user: { isPlatformAdmin: boolean }; adminOf: { code: string }[] } | null | undefined, code: string): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || me.adminOf.some((a) => a.code === code || (a.code.endsWith('0000') && code.startsWith(a.code.slice(0, 2))) || (a.code.endsWith('00') && code.startsWith(a.code.slice(0, 4))));
}

/** Whether the signed-in person administers any jurisdiction, or the platform (the server's isAnyAdmin). */
export function isAnyAdmin(me: { user: { isPlatformAdmin: boolean }; adminOf: unknown[] } | null | undefined): boolean {
  return !!me && (me.user.isPlatformAdmin || me.adminOf.length > 0);
}
