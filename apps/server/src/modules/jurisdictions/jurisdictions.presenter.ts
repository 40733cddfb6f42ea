import type { JurisdictionLevel } from '@kzt/shared';
import type { JurisdictionRow } from './jurisdictions.repository.ts';

export const presentJurisdiction = (j: JurisdictionRow) => ({
  code: j.code,
  name: j.name,
  level: j.level as JurisdictionLevel,
  parentCode: j.parentCode,
  path: j.path,
  /** The local rule on unconverted achievements set here (null: none here; the nearest one up the tree applies). */
  unconvertedYears: j.unconvertedYears ?? null,
});
