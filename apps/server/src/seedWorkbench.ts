import { eq } from 'drizzle-orm';
import { createDemandBody } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { postAnnouncement } from './modules/announcements/announcements.service.ts';
import { createDemand, submitDemand } from './modules/demands/demands.service.ts';

/**
 * Demo data for the home page and the workbench, made through the real
 * services so that every demo role has something to do on first login:
 * 通知公告 from the platform and three jurisdictions; a demand awaiting
 * review in 陕西, 沈阳 and 威海 (their administrators' queues); an expert
 * review (专家论证) inviting the demo expert.
 */
export async function seedWorkbench(db: Db) {
  const as = async (email: string) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const actor = await loadActor(db, user!, { tokenHash: 'seed-workbench', via: 'bearer' });
    return { ...systemContext('seed-workbench'), actor };
  };

  const notices: [string, string | undefined, string, string, boolean][] = [
    ['admin@kzt.demo', undefined, '科转通平台试运行公告', '科转通科技成果转化服务平台现已在晋中市、山西省、陕西省、沈阳市、威海市试运行。\n\n高校、科研院所和企业可注册账号并申请单位认证，认证通过后即可登记科技成果、发布技术需求、参与挂牌交易。\n\n试运行期间如遇问题，请通过页面底部的联系方式与平台运营中心联系。', true],
    ['jinzhong.admin@kzt.demo', '140700', '关于征集 2027 年度晋中市企业技术需求的通知', '各县（区）科技主管部门、各有关企业：\n\n为做好企业技术需求常态化征集工作，现启动 2027 年度技术需求征集。请各企业于 2027 年 1 月 31 日前通过本平台“技术需求”栏目在线填报，市科技局将汇编需求清单并组织对接。\n\n联系人：市科技局成果转化科', false],
    ['shaanxi.admin@kzt.demo', '610000', '关于开展科技成果“先使用后付费”转化模式试点的通知', '各高校、科研院所：\n\n为推动科技成果加速转化，省科技厅决定开展“先使用后付费”转化模式试点。试点单位可通过本平台以零门槛费许可方式挂牌成果，企业先使用、后按约定分期或按销售额提成付费。\n\n请有意向的单位于本月底前在平台提交试点申请。', false],
    ['weihai.admin@kzt.demo', '371000', '威海市海洋生物产业技术需求对接会报名通知', '为促进海洋生物产业产学研合作，市科技局拟组织技术需求对接会。请有技术需求的企业在平台发布需求，有关高校院所登记相关成果，平台将根据匹配结果邀请参会。', false],
  ];
  for (const [email, jurisdictionCode, title, body, pinned] of notices) {
    await postAnnouncement(db, await as(email), { title, body, pinned, ...(jurisdictionCode ? { jurisdictionCode } : {}) });
  }

  const submitted: [string, Record<string, unknown>][] = [
    ['xa.sme@qcdz.demo', { title: '工业现场多协议网关国产化替代方案', description: '我公司为装备制造企业提供产线数据采集服务，现有网关依赖进口芯片与协议栈。希望与高校或研发机构合作，开发支持 Modbus、Profinet、OPC UA 的国产化网关，时延不高于 10 毫秒，可在 -20℃ 至 60℃ 稳定运行。', keywords: ['工业网关', '国产化', '协议转换'], industry: 'I', cooperationModes: ['joint_development'], budgetMin: 30_000_000, budgetMax: 80_000_000 }],
    ['sy.sme@sypm.demo', { title: '高精度主轴轴承早期故障声发射监测', description: '企业生产的精密主轴在客户现场偶发早期失效，现有振动监测难以提前发现。拟引进基于声发射或多传感融合的轴承早期故障监测技术，要求故障提前预警时间不少于 72 小时，误报率低于 5%。', keywords: ['轴承', '故障诊断', '声发射'], industry: 'C', cooperationModes: ['licence', 'joint_development'], budgetMin: 20_000_000, budgetMax: 50_000_000 }],
    ['weihai.sme@whbio.demo', { title: '海参肠卵多肽酶解工艺中试放大', description: '我公司已在实验室完成海参肠卵多肽酶解提取小试，得率与活性稳定，但在 500 升规模放大时出现苦味重、得率下降的问题。寻求酶解与脱苦工艺优化及中试放大的技术合作。', keywords: ['海参', '多肽', '酶解', '中试'], industry: 'C', cooperationModes: ['joint_development', 'transfer'], budgetMin: 10_000_000, budgetMax: 30_000_000 }],
  ];
  for (const [email, fields] of submitted) {
    const ctx = await as(email);
    const d = await createDemand(db, ctx, createDemandBody.parse({ ...fields, deadline: '2027-06-30' }));
    await submitDemand(db, ctx, d.id);
  }
  // The demo expert's review waiting for an opinion is made with its profile (seedProfiles.ts).
}
