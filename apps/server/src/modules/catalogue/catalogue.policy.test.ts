import { RECORD_STATUSES } from '@kzt/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { allowedRecordActions, recordPolicy, shownStatus } from './catalogue.policy.ts';

const owner: Actor = {
  user: { id: 'u1', name: '成果负责人', email: null, phone: null, isPlatformAdmin: false },
  memberships: [{ organizationId: 'org1', organizationName: '太行理工大学', organizationType: 'university', organizationStatus: 'verified', jurisdictionPath: '140000/140700', role: 'owner' }],
  adminOf: [{ code: '140700', name: '晋中市', path: '140000/140700' }],
  session: { tokenHash: 't', via: 'bearer' },
};
const record = { organizationId: 'org1', jurisdictionPath: '140000/140700', confidentiality: 'public' } as const;

describe('a pending (unverified) organisation', () => {
  it('edits its drafts but is not offered 提交审核 until verified', () => {
    const pending: Actor = { ...owner, adminOf: [], memberships: [{ ...owner.memberships[0]!, organizationStatus: 'pending' }] };
    const actions = allowedRecordActions(recordPolicy(pending, { ...record, status: 'draft' }));
    expect(actions).toContain('update');
    expect(actions).not.toContain('submit');
  });
});

describe('an import’s invisible rows (status importing)', () => {
  it('are read by nobody and allow no command, not even to their own organisation and administrator', () => {
    const p = recordPolicy(owner, { ...record, status: 'importing' });
    expect(p.read).toBe(false);
    expect({ update: p.update, submit: p.submit, review: p.review, withdraw: p.withdraw, confirm: p.confirm }).toEqual({ update: false, submit: false, review: false, withdraw: false, confirm: false });
    // The same row as a draft: its organisation edits and submits it.
    const draft = recordPolicy(owner, { ...record, status: 'draft' });
    expect(allowedRecordActions(draft)).toEqual(expect.arrayContaining(['update', 'submit']));
  });

  it('leave the server, if ever, with a status of the lifecycle only', () => {
    expect(shownStatus('importing')).toBe('draft');
    for (const s of RECORD_STATUSES) expect(shownStatus(s)).toBe(s);
  });
});
