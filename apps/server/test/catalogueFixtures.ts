import type { AchievementType, Confidentiality, IndustrySection, TransferMode } from '@kzt/shared';
import type { TestApp } from './testApp.ts';
import type { TestUser } from './factories.ts';

/** A complete, valid achievement body; tests override what they look at. */
export const achievementBody = (overrides: Record<string, unknown> = {}) => ({
  title: '高强度耐腐蚀特种钢材连续轧制工艺',
  summary: '提出一种特种钢材连续轧制与在线热处理一体化工艺，屈服强度提高 15%，耐腐蚀寿命延长一倍。',
  keywords: ['特种钢材', '连续轧制', '热处理'],
  type: 'development' as AchievementType,
  industry: 'C' as IndustrySection,
  industryTags: ['特种钢材'],
  maturity: 6,
  ip: [{ number: 'ZL202310123456.7', kind: 'invention_patent', status: 'granted' }],
  completers: [
    { name: '李慧', organization: '太行理工大学', share: 60 },
    { name: '王强', share: 40 },
  ],
  transferModes: ['transfer', 'licence'] as TransferMode[],
  price: 50_000_000,
  confidentiality: 'public' as Confidentiality,
  benefits: [{ metric: '屈服强度', baseline: '460 MPa', value: '530 MPa', improvement: '+15%' }],
  ...overrides,
});

/** An owner with a verified university in 晋中, its members, and the local administrator. */
export async function university(t: TestApp) {
  const owner = await t.factories.user({ name: '成果负责人' });
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  const admin = await t.factories.admin('140700');
  return { owner, org, admin };
}

/** Creates, submits and publishes an achievement; returns its id. */
export async function publishedAchievement(t: TestApp, owner: TestUser, admin: TestUser, overrides: Record<string, unknown> = {}) {
  const created = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody(overrides) });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const id = created.json().id as string;
  await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token });
  const reviewed = await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'approve' } });
  if (reviewed.statusCode !== 200) throw new Error(`review failed: ${reviewed.body}`);
  return id;
}

/** A complete, valid demand body. */
export const demandBody = (overrides: Record<string, unknown> = {}) => ({
  title: '液压阀体铸件气孔缺陷在线检测',
  description: '需要一套基于机器视觉的液压阀体铸件气孔缺陷在线检测方案，检出率不低于 99%，节拍 10 秒以内。',
  keywords: ['机器视觉', '缺陷检测', '铸件'],
  industry: 'C' as IndustrySection,
  industryTags: ['智能制造'],
  budgetMin: 20_000_000,
  budgetMax: 50_000_000,
  deadline: '2099-12-31',
  cooperationModes: ['joint_development', 'licence'] as TransferMode[],
  confidentiality: 'public' as Confidentiality,
  ...overrides,
});
