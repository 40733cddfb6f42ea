import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { uniqueCreditCode, unique } from '../../../test/factories.ts';
import { ensureJurisdictions } from '../jurisdictions/jurisdictions.service.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { CONSENT, messagesTo, registerVerified } from '../../../test/registration.ts';
import { multipartFile, tinyPdf, tinyPng } from '../../../test/matrix/attachments.rows.ts';

const t = useTestApp();

/** The owner uploads the business licence of the verification request (issue 12). */
const uploadLicence = (token: string | undefined, orgId: string, fileName = '营业执照.pdf', content = tinyPdf('licence')) => {
  const { body, headers } = multipartFile(fileName, content);
  return t.api('PUT', `/api/organizations/${orgId}/licence`, { token, body, headers });
};

const apply = (token: string, overrides: Record<string, unknown> = {}) =>
  t.api('POST', '/api/organizations', {
    token,
    body: { name: `晋中测试企业${unique()}`, type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode: '140700', contactPhone: '13900000000', ...overrides },
  });

describe('applying for an organisation', () => {
  it('creates a pending organisation whose applicant is its owner', async () => {
    const u = await t.factories.user();
    const res = await apply(u.token);
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ status: 'pending', jurisdictionCode: '140700', jurisdictionName: '晋中市', contactPhone: '13900000000' });
    expect(org.allowedActions).toEqual(expect.arrayContaining(['update', 'invite', 'viewMembers']));
    expect(org.allowedActions).not.toContain('verify');
    const members = (await t.api('GET', `/api/organizations/${org.id}/members`, { token: u.token })).json();
    expect(members.items).toEqual([expect.objectContaining({ userId: u.id, role: 'owner' })]);
  });

  it('takes 事业单位 from a credit code beginning 12 unless the applicant says otherwise', async () => {
    const u = await t.factories.user();
    const institute = { type: 'rnd_institution', name: `威海测试研究院${unique()}` };
    expect((await apply(u.token, { ...institute, creditCode: uniqueCreditCode('371000', '12') })).json().publicInstitution).toBe(true);
    expect((await apply(u.token, { ...institute, creditCode: uniqueCreditCode('371000', '12'), publicInstitution: false })).json().publicInstitution).toBe(false);
    expect((await apply(u.token, { ...institute, creditCode: uniqueCreditCode('371000', '52') })).json().publicInstitution).toBe(false);
    expect((await apply(u.token, { ...institute, creditCode: uniqueCreditCode('371000', '52'), publicInstitution: true })).json().publicInstitution).toBe(true);
  });

  it('validates the credit code check character (GB 32100-2015) and names the field', async () => {
    const u = await t.factories.user();
    const good = uniqueCreditCode();
    const last = good.at(-1)!;
    const wrong = good.slice(0, 17) + (last === '0' ? '1' : '0');
    const res = await apply(u.token, { creditCode: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'creditCode', message: '统一社会信用代码校验位不正确，请核对' }]);
    expect((await apply(u.token, { creditCode: '123' })).json().errors[0].message).toBe('统一社会信用代码应为 18 位');
    expect((await apply(u.token, { creditCode: 'I1350100M000100Y43' })).json().errors[0].path).toBe('creditCode');
    // A published real example is valid, in lower case and full width too.
    expect((await apply(u.token, { creditCode: '９１３５０１００ｍ０００１００ｙ４３' })).statusCode).toBe(201);
  });

  it('refuses a jurisdiction that does not exist and a credit code already registered', async () => {
    const u = await t.factories.user();
    const unknown = await apply(u.token, { jurisdictionCode: '999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'jurisdictionCode', message: '行政区划不存在' }]);
    const code = uniqueCreditCode();
    expect((await apply(u.token, { creditCode: code })).statusCode).toBe(201);
    const dup = await apply(u.token, { creditCode: code });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('creditCode');
  });

  it('needs a signed-in person', async () => {
    expect((await t.api('POST', '/api/organizations', { body: {} })).statusCode).toBe(401);
  });
});

describe('verification', () => {
  it('an administrator of the jurisdiction (or an ancestor) approves; others get 403', async () => {
    const u = await t.factories.user();
    const org = (await apply(u.token)).json();
    const weihai = await t.factories.admin('371000');
    const member = await t.factories.member(org.id);
    for (const who of [weihai, member, u]) {
      const res = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: who.token, body: { decision: 'approve' } });
      expect(res.statusCode, who.name).toBe(who === weihai ? 404 : 403);
    }
    expect((await t.api('GET', `/api/organizations/${org.id}`, { token: u.token })).json().status).toBe('pending');

    const shanxi = await t.factories.admin('140000');
    expect((await uploadLicence(u.token, org.id)).statusCode).toBe(200);
    const ok = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: shanxi.token, body: { decision: 'approve', reason: '材料齐全' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified', reviewReason: '材料齐全' });
    const again = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: shanxi.token, body: { decision: 'reject', reason: '重复' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('只有待审核的单位可以审核');
  });

  it('a rejection needs a reason, the owner sees it, and an edit re-applies', async () => {
    const u = await t.factories.user();
    const org = (await apply(u.token)).json();
    const admin = await t.factories.admin('140700');
    const noReason = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: admin.token, body: { decision: 'reject' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'reason', message: '退回、驳回或拒绝时必须填写原因' }]);
    const rejected = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: admin.token, body: { decision: 'reject', reason: '营业执照不清晰' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewReason: '营业执照不清晰' });
    const seen = (await t.api('GET', `/api/organizations/${org.id}`, { token: u.token })).json();
    expect(seen).toMatchObject({ status: 'rejected', reviewReason: '营业执照不清晰' });
    // The applicant is told in the notification centre.
    const notes = (await t.api('GET', '/api/notifications', { token: u.token })).json();
    expect(notes.items[0]).toMatchObject({ kind: 'organization.rejected', body: '营业执照不清晰', link: `/org/${org.id}`, read: false });
    const edited = await t.api('PATCH', `/api/organizations/${org.id}`, { token: u.token, body: { address: '晋中市榆次区新建北路1号' } });
    expect(edited.json()).toMatchObject({ status: 'pending', address: '晋中市榆次区新建北路1号' });
  });

  it('the verification queue lists the pending organisations of the admin subtree only', async () => {
    const u = await t.factories.user();
    const jz = (await apply(u.token)).json();
    const wh = (await apply(u.token, { jurisdictionCode: '371000' })).json();
    const admin = await t.factories.admin('140700');
    const queue = (await t.api('GET', '/api/organizations?status=pending&pageSize=100', { token: admin.token })).json();
    const ids = queue.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(jz.id);
    expect(ids).not.toContain(wh.id);
    expect(queue.items.every((o: { status: string }) => o.status === 'pending')).toBe(true);
  });
});

describe('visibility', () => {
  it('pending organisations and contact details are private to members and administrators', async () => {
    const owner = await t.factories.user();
    const pending = await t.factories.organization(owner, { status: 'pending', contactPhone: '13911112222' });
    const verified = await t.factories.organization(owner, { status: 'verified', contactPhone: '13933334444' });
    const stranger = await t.factories.user();
    expect((await t.api('GET', `/api/organizations/${pending.id}`)).statusCode).toBe(404);
    expect((await t.api('GET', `/api/organizations/${pending.id}`, { token: stranger.token })).statusCode).toBe(404);
    const pub = (await t.api('GET', `/api/organizations/${verified.id}`)).json();
    expect(pub.name).toBe(verified.name);
    expect(pub.contactPhone).toBeNull();
    expect(pub.allowedActions).toEqual([]);
    expect((await t.api('GET', `/api/organizations/${verified.id}`, { token: owner.token })).json().contactPhone).toBe('13933334444');
    const list = (await t.api('GET', '/api/organizations?pageSize=100')).json();
    expect(list.items.some((o: { id: string }) => o.id === pending.id)).toBe(false);
    expect(list.items.every((o: { contactPhone: unknown }) => o.contactPhone === null)).toBe(true);
    const mine = (await t.api('GET', '/api/organizations?mine=true', { token: owner.token })).json();
    expect(mine.items.map((o: { id: string }) => o.id).sort()).toEqual([pending.id, verified.id].sort());
  });

  it('pages lists with total and refuses pageSize above 100', async () => {
    const owner = await t.factories.user();
    for (let i = 0; i < 3; i++) await t.factories.organization(owner);
    const p1 = (await t.api('GET', '/api/organizations?mine=true&pageSize=2&page=1', { token: owner.token })).json();
    const p2 = (await t.api('GET', '/api/organizations?mine=true&pageSize=2&page=2', { token: owner.token })).json();
    expect(p1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    const tooBig = await t.api('GET', '/api/organizations?pageSize=101');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors).toEqual([{ path: 'pageSize', message: '每页最多 100 条' }]);
  });

  it('searches by name and filters by jurisdiction subtree', async () => {
    await ensureJurisdictions(t.database.db, [{ code: '140702', name: '榆次区', parentCode: '140700' }]);
    const owner = await t.factories.user();
    const tag = unique();
    const a = await t.factories.organization(owner, { name: `榆次精工${tag}`, jurisdictionCode: '140702' });
    await t.factories.organization(owner, { name: `威海精工${tag}`, jurisdictionCode: '371000' });
    const res = (await t.api('GET', `/api/organizations?q=${encodeURIComponent(tag)}&jurisdictionCode=140000`)).json();
    expect(res.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    // Traditional characters and full width find the simplified name.
    const trad = (await t.api('GET', `/api/organizations?q=${encodeURIComponent(`榆次精工${tag.toUpperCase()}`.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))}`)).json();
    expect(trad.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    const b = await t.factories.organization(owner, { name: `瀋陽機械研究所${tag}`, jurisdictionCode: '210100' });
    expect((await t.api('GET', `/api/organizations?q=${encodeURIComponent(`沈阳机械${tag}`.slice(0, 4))}`)).json().items.map((o: { id: string }) => o.id)).toContain(b.id);
  });
});

describe('members and invitations', () => {
  it('the owner invites by e-mail, the invitee accepts and becomes a member', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const invitee = await t.factories.user();
    const inv = await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: invitee.email.toUpperCase(), role: 'member' } });
    expect(inv.statusCode).toBe(201);
    expect((await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: invitee.email } })).statusCode).toBe(409);
    const me = (await t.api('GET', '/api/me', { token: invitee.token })).json();
    expect(me.invitations).toEqual([expect.objectContaining({ id: inv.json().id, organizationName: org.name })]);
    // Someone else cannot accept it.
    const other = await t.factories.user();
    expect((await t.api('POST', `/api/invitations/${inv.json().id}/accept`, { token: other.token })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/invitations/${inv.json().id}/accept`, { token: invitee.token })).statusCode).toBe(200);
    const members = (await t.api('GET', `/api/organizations/${org.id}/members`, { token: invitee.token })).json();
    expect(members.items.map((m: { userId: string }) => m.userId)).toEqual([owner.id, invitee.id]);
    expect((await t.api('POST', `/api/invitations/${inv.json().id}/accept`, { token: invitee.token })).statusCode).toBe(409);
  });

  it('an invitation waits for a person who registers later with that login (and confirms it with the code)', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const email = `later${unique()}@example.cn`;
    await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: email } });
    const reg = await registerVerified(t, { email, password: 'a-long-password', name: '后来者' });
    expect(reg.statusCode).toBe(201);
    const me = (await t.api('GET', '/api/me', { token: reg.json().token })).json();
    expect(me.invitations).toHaveLength(1);
    expect((await t.api('POST', `/api/invitations/${me.invitations[0].id}/decline`, { token: reg.json().token })).json().status).toBe('declined');
  });

  it('cannot be hijacked: registering the invited address without its code gives nothing; an unproven holder is refused', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const victim = `victim${unique()}@example.cn`;
    const inv = (await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: victim, role: 'owner' } })).json();
    // The attacker registers the invited address but never sees its code: no account, no session.
    const attempt = await t.api('POST', '/api/auth/register', { body: { email: victim, password: 'attacker-pass-1', name: '冒充者', ...CONSENT } });
    expect(attempt.statusCode).toBe(202);
    expect(attempt.json().token).toBeUndefined();
    expect((await t.api('POST', '/api/auth/register/verify', { body: { login: victim, code: '123456' } })).statusCode).toBe(400);
    // An account of that address made before codes existed (never proven) cannot accept it either.
    const legacy = await t.factories.user({ email: `legacy${unique()}@example.cn`, verified: false });
    const inv2 = (await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: legacy.email } })).json();
    const refused = await t.api('POST', `/api/invitations/${inv2.id}/accept`, { token: legacy.token });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: 'token', message: '请先验证被邀请的邮箱或手机号，或使用邀请消息中的链接接受邀请' }]);
    const members = (await t.api('GET', `/api/organizations/${org.id}/members`, { token: owner.token })).json();
    expect(members.items.map((m: { userId: string }) => m.userId)).toEqual([owner.id]);
    expect(inv.status).toBe('pending');
  });

  it('is accepted through its own one-time link: the token from the message, once, before it expires', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const invitedAddress = `linked${unique()}@example.cn`;
    const inv = (await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: invitedAddress } })).json();
    const message = (await messagesTo(t, invitedAddress)).find((m) => m.kind === 'organization.invitation')!;
    expect(message.subject).toContain(org.name);
    const link = message.body.match(/\/invitations\/([0-9a-f-]{36})\?token=([A-Za-z0-9_-]+)/)!;
    expect(link[1]).toBe(inv.id);
    const token = link[2]!;
    // The token is not stored, only its hash.
    const [row] = await queryRows<{ token_hash: string }>(t.database.db, sql`select token_hash from invitations where id = ${inv.id}`);
    expect(row!.token_hash).not.toBe(token);
    // The link's page shows the invitation without signing in; a wrong token shows nothing.
    expect((await t.api('POST', `/api/invitations/${inv.id}/preview`, { body: { token } })).json()).toMatchObject({ organizationName: org.name, role: 'member', status: 'pending' });
    expect((await t.api('POST', `/api/invitations/${inv.id}/preview`, { body: { token: `${token.slice(0, -2)}xx` } })).statusCode).toBe(404);
    // Someone with another address accepts through the link (the link's holder proved receiving the message).
    const holder = await t.factories.user();
    expect((await t.api('POST', `/api/invitations/${inv.id}/accept`, { token: holder.token, body: { token: 'not-the-token-of-this-invitation' } })).statusCode).toBe(404);
    const ok = await t.api('POST', `/api/invitations/${inv.id}/accept`, { token: holder.token, body: { token } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ organizationName: org.name, status: 'accepted' });
    // Single use.
    const again = await t.factories.user();
    expect((await t.api('POST', `/api/invitations/${inv.id}/accept`, { token: again.token, body: { token } })).statusCode).toBe(409);
    // An expired link is refused.
    const inv3 = (await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: `exp${unique()}@example.cn` } })).json();
    const token3 = (await messagesTo(t, inv3.login)).find((m) => m.kind === 'organization.invitation')!.body.match(/token=([A-Za-z0-9_-]+)/)![1];
    await t.database.db.execute(sql`update invitations set expires_at = now() - interval '1 minute' where id = ${inv3.id}`);
    const expired = await t.api('POST', `/api/invitations/${inv3.id}/accept`, { token: again.token, body: { token: token3 } });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().errors[0].path).toBe('token');
  });

  it('members cannot invite or remove; the owner removes; the last owner stays', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const member = await t.factories.member(org.id);
    const other = await t.factories.member(org.id);
    expect((await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: member.token, body: { login: 'x@example.cn' } })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/organizations/${org.id}/members/${other.id}`, { token: member.token })).statusCode).toBe(403);
    const asOwner = (await t.api('GET', `/api/organizations/${org.id}/members`, { token: owner.token })).json().items;
    expect(Object.fromEntries(asOwner.map((m: { userId: string; allowedActions: string[] }) => [m.userId, m.allowedActions]))).toEqual({
      [owner.id]: [],
      [member.id]: ['remove'],
      [other.id]: ['remove'],
    });
    const asMember = (await t.api('GET', `/api/organizations/${org.id}/members`, { token: member.token })).json().items;
    expect(asMember.filter((m: { allowedActions: string[] }) => m.allowedActions.length).map((m: { userId: string }) => m.userId)).toEqual([member.id]);
    expect((await t.api('DELETE', `/api/organizations/${org.id}/members/${other.id}`, { token: owner.token })).statusCode).toBe(204);
    const last = await t.api('DELETE', `/api/organizations/${org.id}/members/${owner.id}`, { token: owner.token });
    expect(last.statusCode).toBe(409);
    expect(last.json().detail).toBe('不能移除单位的最后一位负责人');
    // A member may leave by themselves.
    expect((await t.api('DELETE', `/api/organizations/${org.id}/members/${member.id}`, { token: member.token })).statusCode).toBe(204);
  });

  it('the owner revokes a pending invitation', async () => {
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner);
    const inv = (await t.api('POST', `/api/organizations/${org.id}/invitations`, { token: owner.token, body: { login: '13812345678' } })).json();
    expect((await t.api('DELETE', `/api/organizations/${org.id}/invitations/${inv.id}`, { token: owner.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/organizations/${org.id}/members`, { token: owner.token })).json().invitations).toEqual([]);
  });
});

describe('the business licence of a verification request (issue 12)', () => {
  it('is required for approval; the owner uploads it, the reviewing administrator opens it, nobody else sees it', async () => {
    const u = await t.factories.user();
    const org = (await apply(u.token)).json();
    const admin = await t.factories.admin('140700');
    expect(org.licence).toBeNull();

    const early = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: admin.token, body: { decision: 'approve' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('该单位尚未上传营业执照，不能通过认证：请负责人先上传营业执照（PDF 或图片）');

    // Content decides the type; a member who is not the owner may not upload.
    const text = await uploadLicence(u.token, org.id, '营业执照.pdf', Buffer.from('not a pdf at all'));
    expect(text.statusCode).toBe(400);
    expect(text.json().errors[0].path).toBe('file');
    const member = await t.factories.member(org.id);
    expect((await uploadLicence(member.token, org.id)).statusCode).toBe(403);

    const png = tinyPng();
    const up = await uploadLicence(u.token, org.id, '营业执照.png', png);
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ organizationId: org.id, fileName: '营业执照.png', mime: 'image/png', size: png.length, url: `/api/organizations/${org.id}/licence/content` });

    // The administrator of the jurisdiction sees it in the organisation and opens the file.
    const seen = (await t.api('GET', `/api/organizations/${org.id}`, { token: admin.token })).json();
    expect(seen.licence).toMatchObject({ fileName: '营业执照.png', mime: 'image/png' });
    const file = await t.api('GET', `/api/organizations/${org.id}/licence/content`, { token: admin.token });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('inline');
    expect(file.rawPayload.equals(png)).toBe(true);

    // Others: an outsider, an administrator elsewhere, anonymous callers.
    const outsider = await t.factories.user();
    const weihai = await t.factories.admin('371000');
    for (const who of [outsider, weihai]) {
      expect((await t.api('GET', `/api/organizations/${org.id}/licence/content`, { token: who.token })).statusCode).toBe(404);
      expect((await t.api('GET', `/api/organizations/${org.id}/licence`, { token: who.token })).statusCode).toBe(404);
    }
    expect((await t.api('GET', `/api/organizations/${org.id}/licence/content`)).statusCode).toBe(401);

    const ok = await t.api('POST', `/api/organizations/${org.id}/verify`, { token: admin.token, body: { decision: 'approve' } });
    expect(ok.statusCode).toBe(200);
    // Verified: public, but the licence stays with members and administrators.
    expect((await t.api('GET', `/api/organizations/${org.id}`, { token: outsider.token })).json().licence).toBeNull();
    expect((await uploadLicence(u.token, org.id)).statusCode).toBe(409);

    const audit = (await t.api('GET', `/api/audit?pageSize=100&entityType=organization&entityId=${org.id}`, { token: admin.token })).json().items as { action: string }[];
    expect(audit.map((e) => e.action)).toContain('organization.licence.upload');
  });
});

