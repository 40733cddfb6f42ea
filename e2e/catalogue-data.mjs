// Catalogue test data through the API (Bearer tokens): achievements of the demo
// university and demands of the demo enterprise, submitted and approved by the
// province admin. Used by shoot.mjs when the demo catalogue is empty.
import { BASE_URL, DEMO_PASSWORD } from './helpers.mjs';

export async function apiLogin(login, base = BASE_URL) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status}`);
  const { token } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = r.status === 204 ? undefined : await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
    return data;
  };
}

export const SAMPLE_ACHIEVEMENTS = [
  {
    title: '煤矸石基绿色充填材料制备与应用技术',
    summary: '以煤矸石、粉煤灰为主要原料，通过机械活化与复合激发制备膏体充填材料，28 天抗压强度达 5 MPa 以上，充填成本较传统水泥基材料降低 30%。已在山西多座矿井完成工业性试验，可有效控制地表沉陷并消纳固体废弃物。',
    keywords: ['煤矸石', '充填材料', '固废利用'],
    type: 'development',
    industry: 'B',
    industryTags: ['煤基产业', '节能环保'],
    maturity: 7,
    ip: [{ number: 'ZL202110000001.2', kind: 'invention_patent', status: 'granted', title: '一种煤矸石膏体充填材料' }],
    completers: [{ name: '王建国', organization: '太行理工大学', share: 60 }, { name: '李晓梅', organization: '太行理工大学', share: 40 }],
    transferModes: ['transfer', 'licence'],
    price: 50_000_000,
    confidentiality: 'public',
    benefits: [{ metric: '充填成本', baseline: '120 元/m³', value: '84 元/m³', improvement: '降低 30%' }],
  },
  {
    title: '高强度特种钢焊接残余应力智能调控系统',
    summary: '基于多传感器融合与深度学习的焊接过程监测系统，实时预测并调控残余应力，焊接变形减少 40%，适用于特种钢材、压力容器和轨道交通构件。',
    keywords: ['特种钢', '焊接', '残余应力', '深度学习'],
    type: 'applied_research',
    industry: 'C',
    industryTags: ['特种钢材', '智能制造'],
    maturity: 5,
    completers: [{ name: '赵志强', organization: '太行理工大学', share: 100 }],
    transferModes: ['joint_development', 'licence'],
    price: '面议',
    confidentiality: 'abstract',
  },
  {
    title: '新能源汽车动力电池低温快充热管理技术',
    summary: '采用相变材料与脉冲自加热相结合的方式，使动力电池在零下 20 摄氏度环境下 30 分钟内充电至 80%，循环寿命衰减小于 5%。',
    keywords: ['动力电池', '热管理', '低温快充'],
    type: 'development',
    industry: 'C',
    industryTags: ['新能源汽车'],
    maturity: 6,
    completers: [{ name: '陈思远', organization: '太行理工大学', share: 50.5 }, { name: '刘洋', organization: '太行理工大学', share: 49.5 }],
    transferModes: ['equity', 'use_first_pay_later'],
    price: 2_000_000_00,
    confidentiality: 'public',
  },
];

export const SAMPLE_DEMANDS = [
  {
    title: '高端轴承钢热处理变形控制技术需求',
    description: '我公司生产的高端轴承套圈在淬火后变形超差，废品率约 8%。希望引进热处理工艺优化或在线矫正技术，将变形控制在 0.05 mm 以内。',
    keywords: ['轴承钢', '热处理', '变形控制'],
    industry: 'C',
    industryTags: ['特种钢材', '高端装备制造'],
    budgetMin: 30_000_000,
    budgetMax: 80_000_000,
    deadline: '2027-06-30',
    cooperationModes: ['joint_development', 'transfer'],
    confidentiality: 'public',
    commonProblem: true,
  },
  {
    title: '农产品冷链物流温度追溯系统',
    description: '需要一套低成本的冷链温度采集与追溯系统，覆盖运输与仓储环节，支持扫码查询。',
    keywords: ['冷链', '追溯', '物联网'],
    industry: 'G',
    industryTags: ['现代农业', '数字经济'],
    budgetMin: null,
    budgetMax: 20_000_000,
    deadline: null,
    cooperationModes: ['transfer'],
    confidentiality: 'public',
    commonProblem: false,
  },
];

/** Creates, submits and approves the samples unless the catalogue already has them. Returns their ids. */
export async function ensureCatalogue(base = BASE_URL) {
  const uni = await apiLogin('tto@tyut.demo', base);
  const sme = await apiLogin('sme@jzsme.demo', base);
  const admin = await apiLogin('shanxi.admin@kzt.demo', base);
  const ids = { achievements: [], demands: [] };
  for (const [kind, owner, samples] of [['achievements', uni, SAMPLE_ACHIEVEMENTS], ['demands', sme, SAMPLE_DEMANDS]]) {
    for (const s of samples) {
      const found = await owner('GET', `/${kind}?scope=mine&q=${encodeURIComponent(s.title)}&pageSize=50`);
      let rec = found.items.find((i) => i.title === s.title);
      if (!rec) rec = await owner('POST', `/${kind}`, s);
      if (['draft', 'returned', 'withdrawn'].includes(rec.status)) rec = await owner('POST', `/${kind}/${rec.id}/submit`);
      if (rec.status === 'submitted') rec = await admin('POST', `/${kind}/${rec.id}/review`, { decision: 'approve' });
      ids[kind].push(rec.id);
    }
  }
  return ids;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await ensureCatalogue(), null, 2));
}
