import { eq } from 'drizzle-orm';
import { shanghaiToday, type CreateBidBody, type CreateChallengeBody } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { organizations, users } from './db/schema/index.ts';
import type { Actor } from './platform/actor.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { organizationRepository } from './modules/organizations/organizations.repository.ts';
import { removeMember } from './modules/organizations/organizations.service.ts';
import { createAchievement, publishAchievement, submitAchievement } from './modules/achievements/achievements.service.ts';
import { listTasks, submitToTask } from './modules/challenges/challenges.tasks.service.ts';
import { acceptMilestone, awardChallenge, checkBid, endAwardNotice, postChallenge, reportMilestone, reviewChallenge, scoreBid, setPanel, submitBid } from './modules/challenges/challenges.service.ts';

const DAY = 86_400_000;

/**
 * The demo challenge board, made through the challenge services at the
 * times each act happened: a challenge open for bids in each of the five
 * regions (晋中, 太原, 西安, 沈阳, 威海), one in 威海 already awarded with
 * its first milestone accepted, one in 晋中 closed with a panel of three
 * experts waiting for their scores, a 赛马制 one in 晋中 with two teams
 * racing (the stage gate next), a 悬赏 one in 太原 whose winning solution
 * waits for the poser's acceptance, and one in 晋中 awaiting review. On 晋中's
 * open 揭榜挂帅 challenge the expert 黄立群 must step aside: he completed an
 * achievement with 太行理工大学's 李慧 last year, when he was a member there
 * (both named by their accounts; he has left since), and 太行理工大学 bids —
 * the panel picker says so.
 */
export async function seedChallenges(db: Db, now = new Date()) {
  const orgRows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const orgId = (name: string) => orgRows.find((o) => o.name === name)!.id;
  const as = async (email: string, at: Date) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const actor: Actor = await loadActor(db, user!, { tokenHash: 'seed-challenges', via: 'bearer' });
    return { ...systemContext('seed-challenges'), actor, now: at };
  };
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const day = (days: number) => shanghaiToday(new Date(now.getTime() + days * DAY));

  const post = async (email: string, admin: string | null, body: Omit<CreateChallengeBody, 'kind' | 'organizationId' | 'demandId' | 'achievementId' | 'requirements' | 'resultsPublic' | 'tasks'> & Partial<CreateChallengeBody>, at = ago(3)) => {
    const c = await postChallenge(db, await as(email, at), { kind: null, organizationId: null, demandId: null, achievementId: null, requirements: '', resultsPublic: false, tasks: [], ...body });
    if (admin) await reviewChallenge(db, await as(admin, new Date(at.getTime() + DAY / 2)), c.id, { decision: 'approve', reason: '' });
    return c.id;
  };
  /** A challenge posted 40 days ago whose bidding closed 20 days ago (bids come before, at `ago(30)`). */
  const postClosed = (email: string, admin: string, body: Omit<Parameters<typeof post>[2], 'deadline'>) => post(email, admin, { ...body, deadline: ago(20).toISOString() }, ago(40));
  const bid = (organizationId: string, budget: number, plan: string, milestones: CreateBidBody['milestones']): CreateBidBody => ({ organizationId, team: '项目负责人 1 名（教授），骨干 4 名，研究生 6 名', plan, budget, milestones });
  const inDays = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

  // 晋中: 揭榜挂帅, open, two teams have bid.
  const jz = await post('sme@jzsme.demo', 'jinzhong.admin@kzt.demo', {
    scheme: 'jiebang_guashuai',
    title: '高压液压多路阀寿命提升技术攻关',
    description: '公司液压多路阀在 35 MPa 工况下寿命约 3000 小时，需提升至 10000 小时以上，并降低内泄漏。',
    requirements: '两年内完成样机并通过第三方台架试验；揭榜团队须具备液压试验条件。',
    organizationId: orgId('晋中智造装备有限公司'),
    bounty: 300_000_000,
    deadline: inDays(30),
  });
  await submitBid(db, await as('tto@tyut.demo', ago(1)), jz, bid(orgId('太行理工大学'), 280_000_000, '阀芯表面复合强化与流道拓扑优化，结合数字孪生寿命预测。', [
    { title: '材料与表面处理方案验证', dueOn: day(120), share: 0.3, deliverable: '试样疲劳与磨损试验报告' },
    { title: '样机试制', dueOn: day(360), share: 0.4, deliverable: '样机 3 台与台架试验数据' },
    { title: '第三方检测与验收', dueOn: day(700), share: 0.3, deliverable: '第三方检测报告' },
  ]));
  await submitBid(db, await as('tto@lhkj.demo', ago(1)), jz, bid(orgId('辽河科技大学'), 260_000_000, '新型密封结构与低泄漏配合间隙设计，冶金工艺提升阀体一致性。', [
    { title: '结构设计与仿真', dueOn: day(150), share: 0.25, deliverable: '设计与仿真报告' },
    { title: '样机与台架试验', dueOn: day(450), share: 0.5, deliverable: '样机与试验报告' },
    { title: '验收', dueOn: day(700), share: 0.25, deliverable: '验收报告' },
  ]));

  // 黄立群 and 太行理工大学's 李慧 completed an achievement together (named by their accounts): he must step aside on the challenge above.
  // He was a member of 太行理工大学 then (a completer's account must be a member's) and has left since; the record keeps his account.
  const userId = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  /** Passes the bids' check, seats one expert who scores each bid (`scores[i]`), awards them all and ends the notice: their milestones are live. */
  const awardAll = async (id: string, admin: string, expertEmail: string, bidIds: string[], scores: Record<string, number>[], comment = '') => {
    for (const b of bidIds) await checkBid(db, await as(admin, ago(25)), id, b, { decision: 'pass', reason: '' });
    await setPanel(db, await as(admin, ago(25)), id, { expertIds: [await userId(expertEmail)] });
    for (const [i, b] of bidIds.entries()) await scoreBid(db, await as(expertEmail, ago(18)), id, b, { scores: scores[i]!, comment });
    await awardChallenge(db, await as(admin, ago(15)), id, { bidIds, note: '' });
    await endAwardNotice(db, id, null, ago(10));
  };
  const huang = await userId('expert2@kzt.demo');
  await organizationRepository.addMember(db, { organizationId: orgId('太行理工大学'), userId: huang, role: 'member' });
  const shared = await createAchievement(db, await as('tto@tyut.demo', ago(400)), {
    organizationId: orgId('太行理工大学'),
    title: '高压柱塞泵配流副表面复合强化技术',
    summary: '激光熔覆与离子渗氮复合强化配流副表面，35 MPa 工况下磨损率降低 60%，已在两家液压件企业试用。',
    keywords: ['液压', '表面强化', '柱塞泵'],
    industryTags: [],
    type: 'applied_research',
    industry: 'C',
    maturity: 6,
    ip: [],
    completers: [
      { name: '李慧', userId: await userId('researcher@tyut.demo'), organization: '太行理工大学', share: 60 },
      { name: '黄立群', userId: huang, share: 40 },
    ],
    transferModes: ['licence'],
    price: null,
    confidentiality: 'public',
    benefits: [],
  });
  await submitAchievement(db, await as('tto@tyut.demo', ago(400)), shared.id);
  await publishAchievement(db, await as('shanxi.admin@kzt.demo', ago(398)), shared.id);
  await removeMember(db, await as('expert2@kzt.demo', ago(300)), orgId('太行理工大学'), huang);

    // 太原（山西省）: 悬赏.
  await post('ty.sme@tymk.demo', 'shanxi.admin@kzt.demo', {
    scheme: 'bounty',
    title: '煤矸石制备高附加值建材的低能耗工艺',
    description: '征集煤矸石综合利用方案：烧结能耗较现有工艺降低 20% 以上，产品达到国家标准。成果向榜单内企业共享。',
    organizationId: orgId('太原煤科清洁能源有限公司'),
    bounty: 50_000_000,
    deadline: inDays(45),
  });

  // 西安（陕西省）: 研发众包, three small tasks (results public), one of them already answered by 太行理工大学.
  const xa = await post('xa.sme@qcdz.demo', 'shaanxi.admin@kzt.demo', {
    scheme: 'crowdsourcing',
    title: '电子元件外观缺陷视觉检测算法众包',
    description: '开放 5 类缺陷样本，征集嵌入式视觉检测算法；每个通过验收的子任务单独付酬。',
    organizationId: orgId('西安秦创电子科技有限公司'),
    bounty: 20_000_000,
    deadline: inDays(25),
    criteria: [
      { key: 'accuracy', name: '检出率与误报率', weight: 0.6 },
      { key: 'speed', name: '嵌入式运行速度', weight: 0.25 },
      { key: 'cost', name: '报价', weight: 0.15 },
    ],
    resultsPublic: true,
    tasks: [
      { title: '表面划痕检测模型', description: '基于开放样本训练划痕检测模型，检出率 ≥ 98%，误报率 ≤ 1%。', reward: 6_000_000, deadline: null, quota: 1 },
      { title: '缺件与错件识别', description: '识别贴片缺件、错件与极性反向，提交模型与测试报告。', reward: 5_000_000, deadline: inDays(20), quota: 1 },
      { title: '焊点虚焊样本标注', description: '按标注规范标注 2000 张焊点图像，两家单位分别完成，交叉校验。', reward: 2_000_000, deadline: null, quota: 2 },
    ],
  });
  const xaTasks = await listTasks(db, null, xa);
  await submitToTask(db, await as('tto@tyut.demo', ago(1)), xa, xaTasks.items[0]!.id, { organizationId: orgId('太行理工大学'), text: '提交基于轻量级卷积网络的划痕检测模型（INT8 量化，单帧 12 ms），附测试集检出率 98.6%、误报率 0.7% 的评测报告。' });

  // 沈阳: 赛马制.
  const sy = await post('sy.sme@sypm.demo', 'shenyang.admin@kzt.demo', {
    scheme: 'racing',
    title: '高速精密主轴热变形实时补偿',
    description: '主轴 20000 rpm 下热伸长需控制在 3 μm 以内；多团队并行研发，阶段评审择优继续支持。',
    organizationId: orgId('沈阳精密机械有限公司'),
    bounty: 150_000_000,
    deadline: inDays(20),
  });
  await submitBid(db, await as('tto@lhkj.demo', ago(1)), sy, bid(orgId('辽河科技大学'), 120_000_000, '温度场建模与数据驱动补偿相结合。', [
    { title: '温度场模型', dueOn: day(90), share: 0.4, deliverable: '模型与验证数据' },
    { title: '补偿系统样机', dueOn: day(300), share: 0.6, deliverable: '补偿系统与测试报告' },
  ]));

  // 威海: 双向揭榜（技术攻关）, awarded last week, its first milestone accepted.
  const wh = await postClosed(
    'weihai.sme@whbio.demo',
    'weihai.admin@kzt.demo',
    {
      scheme: 'two_way',
      kind: 'breakthrough',
      title: '海洋褐藻多糖高效提取与纯化工艺',
      description: '现有提取收率不足 8%，需建立收率 15% 以上、可放大至吨级的绿色提取纯化工艺。',
      organizationId: orgId('威海海洋生物科技有限公司'),
      bounty: 80_000_000,
    },
  );
  const whBid = await submitBid(db, await as('tto@whhy.demo', ago(30)), wh, bid(orgId('威海海洋大学'), 80_000_000, '酶解—膜分离耦合工艺，配合中试线放大。', [
    { title: '实验室工艺', dueOn: day(-5), share: 0.3, deliverable: '工艺包（实验室级）' },
    { title: '中试放大', dueOn: day(120), share: 0.4, deliverable: '中试报告' },
    { title: '吨级验证与验收', dueOn: day(300), share: 0.3, deliverable: '验收报告' },
  ]));
  await awardAll(wh, 'weihai.admin@kzt.demo', 'expert@kzt.demo', [whBid.id], [{ technical: 88, team: 85, budget: 80, schedule: 82 }], '技术路线清晰，中试条件具备。');
  await reportMilestone(db, await as('tto@whhy.demo', ago(4)), wh, 1, { note: '实验室工艺收率达到 16.2%，工艺包已提交。', attachmentIds: [] });
  await acceptMilestone(db, await as('weihai.sme@whbio.demo', ago(2)), wh, 1, { comment: '经复核，收率达标，同意验收。' });

  // 晋中: bidding closed two days ago; two bids passed the check and wait for the three experts' scores.
  const closed = await post(
    'sme@jzsme.demo',
    'jinzhong.admin@kzt.demo',
    {
      scheme: 'jiebang_guashuai',
      title: '液压油液在线污染度监测传感器',
      description: '需开发可在线监测液压油颗粒污染度（NAS 1638 等级）的低成本传感器，精度 ±1 级。',
      organizationId: orgId('晋中智造装备有限公司'),
      bounty: 120_000_000,
      deadline: ago(2).toISOString(),
    },
    ago(20),
  );
  for (const [email, org, budget] of [['tto@tyut.demo', '太行理工大学', 110_000_000], ['tto@lhkj.demo', '辽河科技大学', 95_000_000]] as const) {
    const b = await submitBid(db, await as(email, ago(10)), closed, bid(orgId(org), budget, '光阻法颗粒计数与自清洁流道设计。', [
      { title: '原理样机', dueOn: day(90), share: 0.4, deliverable: '原理样机与标定报告' },
      { title: '工程样机与现场试验', dueOn: day(270), share: 0.6, deliverable: '工程样机与现场试验报告' },
    ]));
    await checkBid(db, await as('jinzhong.admin@kzt.demo', ago(1)), closed, b.id, { decision: 'pass', reason: '' });
  }
  // A panel of three: 陈志远, 罗文 and 孟凡 (黄立群 must step aside: 太行理工大学 bids).
  const luo = await userId('expert3@kzt.demo');
  const meng = await userId('expert4@kzt.demo');
  await setPanel(db, await as('jinzhong.admin@kzt.demo', ago(1)), closed, { expertIds: [await userId('expert@kzt.demo'), luo, meng] });

  // 晋中: 赛马制, two teams funded in parallel since last week; the stage gate is next.
  const race = await postClosed(
    'sme@jzsme.demo',
    'jinzhong.admin@kzt.demo',
    {
      scheme: 'racing',
      title: '大流量电液比例插装阀国产化研制',
      description: '通径 32 mm 以上电液比例插装阀依赖进口；两支团队并行研制样机，阶段评审择优继续支持。',
      organizationId: orgId('晋中智造装备有限公司'),
      bounty: 200_000_000,
    },
  );
  const raceBids: string[] = [];
  for (const [email, org, budget, plan] of [
    ['tto@tyut.demo', '太行理工大学', 90_000_000, '先导级数字化与主级阀芯结构优化并行推进。'],
    ['tto@lhkj.demo', '辽河科技大学', 85_000_000, '高响应比例电磁铁与阀体铸造工艺协同开发。'],
  ] as const) {
    const b = await submitBid(db, await as(email, ago(30)), race, bid(orgId(org), budget, plan, [
      { title: '阶段样机', dueOn: day(60), share: 0.5, deliverable: '阶段样机与台架数据' },
      { title: '工程样机与验收', dueOn: day(240), share: 0.5, deliverable: '工程样机与验收报告' },
    ]));
    raceBids.push(b.id);
  }
  await awardAll(race, 'jinzhong.admin@kzt.demo', 'expert3@kzt.demo', raceBids, [{ technical: 84, team: 82, budget: 80, schedule: 80 }, { technical: 80, team: 82, budget: 80, schedule: 80 }]);

  // 太原: 悬赏 awarded to 太行理工大学, whose solution waits for the poser's acceptance (and then the bounty).
  const ty = await postClosed(
    'ty.sme@tymk.demo',
    'shanxi.admin@kzt.demo',
    {
      scheme: 'bounty',
      title: '矿井粉尘浓度激光在线监测',
      description: '悬赏征集井下粉尘浓度在线监测方案：量程 0–1000 mg/m³，误差不超过 ±10%，可本安防爆。',
      organizationId: orgId('太原煤科清洁能源有限公司'),
      bounty: 30_000_000,
    },
  );
  const tyBid = await submitBid(db, await as('tto@tyut.demo', ago(30)), ty, bid(orgId('太行理工大学'), 30_000_000, '激光散射测量与自清洁气路，整机本安设计。', [
    { title: '监测样机与井下试验', dueOn: day(20), share: 1, deliverable: '样机与井下试验报告' },
  ]));
  await awardAll(ty, 'shanxi.admin@kzt.demo', 'expert3@kzt.demo', [tyBid.id], [{ technical: 86, team: 84, budget: 85, schedule: 82 }]);
  await reportMilestone(db, await as('tto@tyut.demo', ago(1)), ty, 1, { note: '样机在井下连续运行 30 天，误差 ±6%。', attachmentIds: [] });

  // 晋中: awaiting review.
  await post('sme@jzsme.demo', null, {
    scheme: 'jiebang_guashuai',
    title: '液压元件智能装配产线视觉定位',
    description: '装配定位精度需达到 ±0.02 mm，节拍不低于 30 秒/件。',
    organizationId: orgId('晋中智造装备有限公司'),
    bounty: 100_000_000,
    deadline: inDays(40),
  }, ago(1));
}
