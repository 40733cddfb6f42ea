import { sql, type SQL } from 'drizzle-orm';

/**
 * The one condition "this jurisdiction path lies in one of these subtrees"
 * (a jurisdiction's path is its ancestors' codes joined by `/`). Every
 * query that scopes rows to a jurisdiction and the ones below it uses it.
 */
export function withinJurisdiction(pathColumn: SQL | unknown, roots: string[]): SQL {
  if (!roots.length) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`(${pathColumn} = ${r} or ${pathColumn} like ${`${r}/%`})`),
    sql` or `,
  )})`;
}
