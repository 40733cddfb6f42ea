import type { JurisdictionRow } from './jurisdictions.repository.ts';

export const presentJurisdiction = (j: JurisdictionRow) => ({
  code: j.code,
  name: j.name,
  level: j.level,
  parentCode: j.parentCode,
  path: j.path,
});
