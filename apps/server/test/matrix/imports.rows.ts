import { importRepository } from '../../src/modules/imports/imports.repository.ts';
import { keepFile } from '../../src/modules/storage/storage.service.ts';
import { multipart } from '../../src/modules/imports/imports.testkit.ts';
import type { Call, Row, World } from './types.ts';
import type { TestApp } from '../testApp.ts';
import { all, signedIn } from './types.ts';

/** Members of the organisation see and run its imports; nobody else sees them. */
const membersOnly = (ok: number) => ({ anonymous: 401, outsider: 404, member: ok, owner: ok, foreignAdmin: 404, localAdmin: 404 });

/** A dry-run import of the world's university, ready to run. */
async function validatedImport(w: World, t: TestApp) {
  const row = await importRepository.insert(t.database.db, {
    kind: 'achievements',
    organizationId: w.universityId,
    createdBy: w.users.owner.id,
    fileName: '成果.csv',
    sha256: '0'.repeat(64),
    totalRows: 1,
    validRows: 1,
  });
  await keepFile(t.database.db, { organizationId: w.universityId, kind: 'import', ref: row.id, name: row.fileName, sha256: row.sha256, size: 1 }, t.config.storageQuotaBytes);
  return row.id;
}

const upload = (w: World): Call => {
  const { body, headers } = multipart('成果.csv', '\ufeff标题,成果类型,行业门类,成熟度(1-9)\n矩阵导入成果,应用研究,制造业,5\n', 'text/csv');
  return { method: 'POST', url: `/api/imports?kind=achievements&organizationId=${w.universityId}`, body, headers };
};

export const importRows: Row[] = [
  { route: 'GET /api/imports/templates/:kind.xlsx', call: () => ({ method: 'GET', url: '/api/imports/templates/achievements.xlsx' }), expect: all(200) },
  { route: 'POST /api/imports', call: upload, expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 403 } },
  { route: 'GET /api/imports', call: () => ({ method: 'GET', url: '/api/imports?kind=achievements' }), expect: signedIn(200) },
  { route: 'GET /api/imports/:id', call: async (w, t) => ({ method: 'GET', url: `/api/imports/${await validatedImport(w, t)}` }), expect: membersOnly(200) },
  { route: 'POST /api/imports/:id/run', call: async (w, t) => ({ method: 'POST', url: `/api/imports/${await validatedImport(w, t)}/run` }), expect: membersOnly(202) },
  // Issue 11: the organisation's storage quota, for its members.
  { route: 'GET /api/organizations/:id/storage', call: (w) => ({ method: 'GET', url: `/api/organizations/${w.universityId}/storage` }), expect: membersOnly(200) },
  // Each person's own files: anyone signed in reads theirs, nobody another's (the route takes no id).
  { route: 'GET /api/me/files', call: () => ({ method: 'GET', url: '/api/me/files' }), expect: signedIn(200) },
];
