import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiToday, REVIEW_CHECKLIST } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { attachSignedContract } from '../../../test/contractDocuments.ts';
import { publicOrigin } from '../../config.ts';
import { addDays } from './contracts.classify.ts';

const ORIGIN = 'https://kzt.example.cn';
const t = useTestApp({ publicOrigin: ORIGIN });
const today = shanghaiToday();

let points = 0;
/** A contract of a 晋中 university registered at a point with staff (certified below the declared amount). */
async function registered() {
  const owner = await t.factories.user();
  const seller = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  const admin = await t.factories.admin('140700');
  const staff = await t.factories.user();
  const code = String(40 + points++); // a point's code is unique in its jurisdiction (a random one collided now and then)
  const point = (await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: admin.token, body: { code, name: `晋中市技术合同登记点${code}`, staffUserIds: [staff.id] } })).json();
  const c = (
    await t.api('POST', '/api/contracts', {
      token: owner.token,
      body: {
        kind: 'consulting',
        title: '煤矸石综合利用技术咨询合同',
        signedOn: addDays(today, -1),
        validUntil: addDays(today, 200),
        seller: { organizationId: seller.id },
        buyer: { name: '威海某海洋科技公司', creditCode: '91371000MA3C000001', region: '371002', entityType: 'enterprise' },
        contractAmount: 12_345_678,
        technologyAmount: 12_345_678,
      },
    })
  ).json();
  await attachSignedContract(t, owner.token, c.id);
  await t.api('POST', `/api/contracts/${c.id}/submit`, { token: owner.token, body: { pointId: point.id } });
  return { owner, admin, staff, seller, id: c.id as string };
}

afterEach(() => {
  delete process.env.KZT_CJK_FONT;
});

describe('the registration certificate as a PDF', () => {
  it('is a PDF with the number and the verification link for those who read the contract, and none before registration', async () => {
    const w = await registered();
    const url = `/api/contracts/${w.id}/certificate.pdf`;
    expect((await t.api('GET', url, { token: w.owner.token })).json()).toMatchObject({ status: 409, detail: expect.stringContaining('尚未登记') });
    const reg = (await t.api('POST', `/api/contracts/${w.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST], certifiedAmount: 10_000_000, reason: '含资料费' } })).json();
    const res = await t.api('GET', url, { token: w.owner.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // The number and the link that verifies it, readable in the document's information.
    expect(pdf).toContain(`(${reg.registrationNumber})`);
    expect(pdf).toContain(`(${ORIGIN}/verify/contracts/${reg.registrationNumber})`);
    // The Chinese font is embedded (not empty boxes).
    expect(pdf).toMatch(/WenQuanYi/);

    const stranger = await t.factories.user();
    expect((await t.api('GET', url, { token: stranger.token })).statusCode).toBe(404);
    expect((await t.api('GET', url)).statusCode).toBe(401);
    expect((await t.api('GET', url, { token: w.admin.token })).statusCode).toBe(200);
  });

  it('says which font to install when the server has none, instead of a PDF of empty boxes', async () => {
    const w = await registered();
    await t.api('POST', `/api/contracts/${w.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } });
    const before = process.env.KZT_CJK_FONT;
    process.env.KZT_CJK_FONT = '/nonexistent/font.ttc';
    try {
      const res = await t.api('GET', `/api/contracts/${w.id}/certificate.pdf`, { token: w.owner.token });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain('fonts-wqy-zenhei');
    } finally {
      if (before === undefined) delete process.env.KZT_CJK_FONT;
      else process.env.KZT_CJK_FONT = before;
    }
  });

  it('prints the configured public address in the verification link, whatever Host the request names', async () => {
    const w = await registered();
    const reg = (await t.api('POST', `/api/contracts/${w.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
    const forged: Record<string, string>[] = [{ host: 'evil.example.com' }, { host: 'evil.example.com', 'x-forwarded-host': 'evil.example.com', 'x-forwarded-proto': 'http' }];
    for (const headers of forged) {
      const res = await t.api('GET', `/api/contracts/${w.id}/certificate.pdf`, { token: w.owner.token, headers });
      expect(res.statusCode).toBe(200);
      const pdf = res.rawPayload.toString('latin1');
      expect(pdf).toContain(`(${ORIGIN}/verify/contracts/${reg.registrationNumber})`);
      expect(pdf).not.toContain('evil.example.com');
    }
  });

  it('takes PUBLIC_ORIGIN as an origin, defaults to the local server, and refuses what is not an http(s) URL', () => {
    expect(publicOrigin('https://kzt.example.cn/some/path/', 3000)).toBe('https://kzt.example.cn');
    expect(publicOrigin(undefined, 8080)).toBe('http://localhost:8080');
    expect(() => publicOrigin('kzt.example.cn', 3000)).toThrow(/PUBLIC_ORIGIN/);
    expect(() => publicOrigin('javascript:alert(1)', 3000)).toThrow(/PUBLIC_ORIGIN/);
  });
});
