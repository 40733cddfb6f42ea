import type { BudgetLineName, PackVersion, PolicyRuleInput } from '@kzt/shared';
import { packVersion } from '@kzt/shared';
import { simplifiedText } from '../../platform/text.ts';

/**
 * The seeded rule packs: every rule of PRODUCT.md's "Policy rules quoted from
 * the source documents", with the sentence it comes from (quoted as the seed
 * file writes it, traditional characters included). Money in fen, rates in
 * basis points. These are data: the server stores them as version 1 of each
 * jurisdiction's pack, and administrators publish later versions.
 */

const 万 = 1_000_000; // 10,000 yuan in fen

const JZ = '000_79a178f1be444f1e.txt';
const SX = '001_32505f33bba03b1a.txt';
const SN = '002_9de4a09c2f9ce9e4.txt';
const SY = '003_6b2531b79955df62.txt';
const WH = '004_a2c5bfed3da1a70b.txt';

const jinzhong: PolicyRuleInput[] = [
  {
    id: 'jz-13-university-output',
    title: '高校院所本市输出应用型成果补助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: JZ, item: '13', quote: '对高校院所在本市范围内输出应用型科技成果，经技术合同登记机构认定登记的，按不超过技术合同交易额的15%给予补助，同一项目不超过150万元' },
    trigger: 'contract_registered',
    beneficiary: 'seller',
    conditions: { beneficiaryTypes: ['university', 'institute'], localRoles: ['buyer'] },
    base: 'technologyAmount',
    rateBp: 1500,
    itemCap: 150 * 万,
    budgetLine: 'jz-achievement-output',
  },
  {
    id: 'jz-13-researcher-reward',
    title: '科研人员就地转化等额奖励',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: JZ, item: '13', quote: '对在晋中高校院所科研人员将职务科技成果就地转化的，根据其所得现金收入形成的地方财力贡献，给予等额奖励。' },
    trigger: 'researcher_income',
    beneficiary: 'researcher',
    conditions: { beneficiaryTypes: ['individual'] },
    base: 'localFiscalContribution',
    rateBp: 10_000,
    budgetLine: 'jz-researcher-reward',
  },
  {
    id: 'jz-20-agency-net-income',
    title: '技术转化机构净收入奖补',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: JZ, item: '20', quote: '对技术转化机构开展技术成果交易服务并在晋中实现转化的给予技术转移净收入10%的奖补。' },
    trigger: 'agency_income',
    beneficiary: 'agency',
    conditions: { beneficiaryTypes: ['agency'], convertedLocally: true },
    base: 'netIncome',
    rateBp: 1000,
    budgetLine: 'jz-agency',
  },
  {
    id: 'jz-20-agency-evaluation',
    title: '入库机构绩效评估优良奖励（优良率不超过30%）',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: JZ, item: '20', quote: '每年组织专家对入库机构运行情况进行绩效评估，给予绩效评估结果优良的机构最高50万元奖励，优良率不超过30%。' },
    trigger: 'agency_evaluation',
    beneficiary: 'agency',
    selector: { evaluationScheme: ['city'] },
    conditions: { beneficiaryTypes: ['agency'], grades: ['excellent', 'good'], agencyInPool: true },
    gradeShare: { grades: ['excellent', 'good'], maxBp: 3000 },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 50 * 万,
    yearlyCap: 50 * 万,
    budgetLine: 'jz-agency',
  },
  {
    // Pays nothing itself: it admits the agency to the pool, and the evaluation reward above (agencyInPool) pays only within the term.
    id: 'jz-20-agency-pool-term',
    title: '科技服务机构入库培育（有效期3年，每年评估）',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: JZ, item: '20', quote: '开展科技服务机构入库培育工作，入库机构培育有效期3年，每年组织专家对入库机构运行情况进行绩效评估' },
    trigger: 'agency_pooled',
    beneficiary: 'agency',
    conditions: { beneficiaryTypes: ['agency'] },
    base: 'none',
    rateBp: 0,
    poolTermYears: 3,
    budgetLine: 'jz-agency',
  },
  {
    id: 'jz-25-invest-then-equity',
    title: '“先投后股”财政科技经费',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: JZ, item: '25', quote: '财政以科技项目形式向科转企业投入科技经费（最高不超过200万元）' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['jz_invest_then_equity'] },
    conditions: { beneficiaryTypes: ['enterprise'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 200 * 万,
    totalCap: 200 * 万,
    budgetLine: 'jz-invest-then-equity',
  },
  {
    id: 'jz-26-equity-transfer-tax',
    title: '股权转让个人所得税：（收入−取得成本−合理税费）×20%',
    kind: 'provision',
    mode: 'computed',
    source: { file: JZ, item: '26', quote: '股权转让时，收入减除股权取得成本以及合理税费后的差额，适用“财产转让所得”项目，按照20%的税率计算缴纳个人所得税。' },
    trigger: null,
    beneficiary: null,
    base: 'none',
    rateBp: 2000,
    budgetLine: 'jz-tax',
    note: '这是个人所得税的计税规则，不是奖补：税款由成果完成人向主管税务机关申报缴纳（递延纳税须向税务机关备案），取得成本与合理税费由税务机关核定，平台不支付也不代扣这笔钱，故只作为政策条款展示。',
  },
  {
    id: 'jz-30-due-diligence-exemption',
    title: '公开定价（挂牌、拍卖或协议定价公示）尽职免责',
    kind: 'provision',
    mode: 'evaluated',
    source: { file: JZ, item: '30', quote: '通过技术交易市场挂牌交易、拍卖等公开竞价方式确定价格的，或者通过协议定价并在本单位及技术交易市场公示拟交易价格的，科技成果转化单位相关负责人在履行勤勉尽责义务、没有牟取非法利益的前提下，免除其在科技成果定价中因科技成果转化后续价值变化产生的决策责任。' },
    trigger: null,
    beneficiary: null,
    base: 'none',
    rateBp: 0,
    budgetLine: 'jz-none',
    note: '这是责任豁免规则，不涉及资金：是否“勤勉尽责、没有牟取非法利益”由主管部门和纪检监察机关认定，平台无法计算；平台记录挂牌、拍卖和协议定价公示的过程，作为免责的依据。',
  },
];

/** 山西省 (001) sets no amounts; its pack holds the province-level provision the city packs sit under. */
const shanxi: PolicyRuleInput[] = [
  {
    id: 'sx-1-challenge-racing',
    title: '“揭榜招标”“赛马制”组织重大科研攻关',
    kind: 'provision',
    mode: 'evaluated',
    source: { file: SX, item: '1', quote: '采取“揭榜招标”“赛马制”等方式集聚国内外创新资源' },
    trigger: null,
    beneficiary: null,
    base: 'none',
    rateBp: 0,
    budgetLine: 'sx-none',
    note: '这是组织重大科研攻关的方式，本身不规定金额；赛马制、揭榜的奖补按市级条款（如沈阳 003-13、威海 004-5）计算。',
  },
];

const shaanxi: PolicyRuleInput[] = [
  {
    id: 'sn-11-self-conversion-floor',
    title: '成果完成人自行转化收益不低于80%',
    kind: 'income_floor',
    mode: 'computed',
    source: { file: SN, item: '11', quote: '成果完成人自行转化的，享有收益比例不低于80%。' },
    trigger: null,
    beneficiary: null,
    base: 'none',
    rateBp: 0,
    floorBp: 8000,
    floorCase: 'self_conversion',
    budgetLine: 'sn-none',
  },
  {
    id: 'sn-11-unconverted-floor',
    title: '2年未转化挂牌拍卖，净收益不低于70%奖励完成人',
    kind: 'income_floor',
    mode: 'computed',
    source: { file: SN, item: '11', quote: '科技成果2年内未转化的，采取挂牌交易、拍卖等方式实施转化，将不低于70%转化净收益奖励给成果完成人和为成果转化做出贡献的人员。' },
    trigger: null,
    beneficiary: null,
    base: 'none',
    rateBp: 0,
    floorBp: 7000,
    floorCase: 'unconverted_two_years',
    budgetLine: 'sn-none',
  },
  {
    id: 'sn-17-talent-startup',
    title: '人才带技术创办企业后补助或贴息（50万–100万元）',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: SN, item: '17', quote: '带技术、带项目在省内新领办创办企业转化科技成果的，一次性给予50万元到100万元的后补助或贴息支持。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['sn_talent_startup'] },
    conditions: { localRoles: ['beneficiary'] },
    base: 'decided',
    rateBp: 10_000,
    minAmount: 50 * 万,
    itemCap: 100 * 万,
    totalCap: 100 * 万,
    budgetLine: 'sn-talent',
  },
];

const shenyang: PolicyRuleInput[] = [
  {
    id: 'sy-2-filing-units',
    title: '成果备案工作开展较好的单位奖励',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: SY, item: '2', quote: '建立重點單位科技成果備案制度,對備案工作開展較好的單位給予最高10萬元獎勵。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['sy_filing'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 10 * 万,
    budgetLine: 'sy-filing',
  },
  {
    id: 'sy-3-government-stake',
    title: '政府投资按同期银行利率本息退出，股权增值部分让渡给成果所有人',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: SY, item: '3', quote: '政府投資本地轉化科技成果,采取不經營、不投票、不取利方式;穩定運行后,政府投資可按同期銀行利率本息退出,股權增值部分讓渡給成果所有人。' },
    trigger: 'stake_exit',
    beneficiary: 'owner',
    base: 'stakeAppreciation',
    rateBp: 10_000,
    budgetLine: 'sy-government-stake',
  },
  {
    id: 'sy-13-jiebang-prefunding',
    title: '“揭榜挂帅”需求企业前资助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: SY, item: '13', quote: '對“揭榜掛帥”共性技術攻關項目技術需求提出企業,按照中榜項目技術開發委托合同額的50%,給予最高300萬元前資助。' },
    trigger: 'challenge_awarded',
    beneficiary: 'poser',
    selector: { scheme: ['jiebang_guashuai'] },
    conditions: { beneficiaryTypes: ['enterprise'], contractKinds: ['development'] },
    base: 'contractAmount',
    rateBp: 5000,
    itemCap: 300 * 万,
    budgetLine: 'sy-jiebang',
  },
  {
    id: 'sy-16-student-roadshow',
    title: '大学生创业路演项目落地支持',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: SY, item: '16', quote: '支持大學生創新創業,對大學生創業路演項目擇優給予10萬元落地支持。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['sy_student_roadshow'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 10 * 万,
    totalCap: 10 * 万,
    budgetLine: 'sy-roadshow',
  },
];

const weihaiContract = ['development', 'transfer'];
const weihai: PolicyRuleInput[] = [
  {
    id: 'wh-4-buyer',
    title: '产学研合作购买方补助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '4', quote: '對完成登記備案的技術開發、技術轉讓合同,按不超過當年實際支付金額的5%給予購買方補助,單個企業年度最高補助30萬元' },
    trigger: 'contract_payment',
    beneficiary: 'buyer',
    conditions: { beneficiaryTypes: ['enterprise'], sellerTypes: ['university', 'institute'], localRoles: ['buyer'], contractKinds: weihaiContract },
    base: 'paymentAmount',
    rateBp: 500,
    yearlyCap: 30 * 万,
    budgetLine: 'wh-industry-university',
  },
  {
    id: 'wh-4-seller',
    title: '驻威高校、新型研发机构到账补助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '4', quote: '鼓勵駐威高校、事業單位性質的新型研發機構與威海本地企業開展產學研合作,達成的技術開發、技術轉讓合同,給予高校或新型研發機構不超過當年實際到賬金額1%的補助,單個單位年度最高補助200萬元。' },
    trigger: 'contract_payment',
    beneficiary: 'seller',
    conditions: { beneficiaryTypes: ['university'], publicInstitutionTypes: ['rnd_institution'], buyerTypes: ['enterprise'], localRoles: ['seller', 'buyer'], contractKinds: weihaiContract },
    base: 'paymentAmount',
    rateBp: 100,
    yearlyCap: 200 * 万,
    budgetLine: 'wh-industry-university',
  },
  {
    id: 'wh-4-sme-university-project',
    title: '科技型中小企业产学研项目推荐省级支持（省市县联动）',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '4', quote: '對科技型中小企業與高校院所開展的產學研合作項目,擇優推薦爭取省科技型中小企業創新能力提升工程項目支持,省市縣三級聯動,最高支持額度不超過100萬元。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_sme_university_project'] },
    conditions: { beneficiaryTypes: ['enterprise'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 100 * 万,
    budgetLine: 'wh-industry-university',
  },
  {
    id: 'wh-5-two-way-breakthrough',
    title: '双向揭榜技术攻关类事后补助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '5', quote: '技術攻關類項目采用“事后補助”,項目綜合評價通過驗收后確定補助額度,補助額度不超過實際成交額的20%,最高補助50萬元' },
    trigger: 'challenge_accepted',
    beneficiary: 'poser',
    selector: { scheme: ['two_way'], challengeKind: ['breakthrough'] },
    base: 'dealAmount',
    rateBp: 2000,
    itemCap: 50 * 万,
    budgetLine: 'wh-two-way',
  },
  {
    id: 'wh-5-two-way-conversion',
    title: '双向揭榜成果转化类里程碑式资助',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '5', quote: '成果轉化類項目采用“里程碑式資助”,項目立項時確定補助額度,補助額度不超過張榜標的額的20%,最高補助200萬元。' },
    trigger: 'challenge_awarded',
    beneficiary: 'solver',
    selector: { scheme: ['two_way'], challengeKind: ['conversion'] },
    base: 'bounty',
    rateBp: 2000,
    itemCap: 200 * 万,
    committed: true,
    budgetLine: 'wh-two-way',
  },
  {
    id: 'wh-2-matchmaking-event',
    title: '产学研对接活动绩效评价后补助',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '2', quote: '對符合條件的備案活動進行績效評價,擇優給予最高10萬元后補助支持。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_matchmaking_event'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 10 * 万,
    budgetLine: 'wh-platform',
  },
  {
    id: 'wh-3-cloud-rd-centre',
    title: '“云上研发中心”绩效评价补助',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '3', quote: '每年對企業建設的云上研發中心進行績效評價,擇優給予最高3萬元補助。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_cloud_rd_centre'] },
    conditions: { beneficiaryTypes: ['enterprise'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 3 * 万,
    yearlyCap: 3 * 万,
    budgetLine: 'wh-platform',
  },
  {
    id: 'wh-6-pilot-base',
    title: '中试示范基地、概念验证中心年度绩效补助',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '6', quote: '對納入市級以上備案管理的中試示范基地、概念驗證中心,根據年度績效評價結果,擇優給予最高50萬元補助。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_pilot_base'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 50 * 万,
    yearlyCap: 50 * 万,
    budgetLine: 'wh-pilot',
  },
  {
    id: 'wh-7-national-incubator',
    title: '新获批国家级科技企业孵化器奖励',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '7', quote: '對新獲批國家級科技企業孵化器的,給予最高100萬元獎勵。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_national_incubator'] },
    base: 'decided',
    rateBp: 10_000,
    itemCap: 100 * 万,
    totalCap: 100 * 万,
    budgetLine: 'wh-incubation',
  },
  {
    id: 'wh-9-agency-recognised',
    title: '首次认定为山东省技术转移服务机构奖励',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '9', quote: '對首次認定為山東省技術轉移服務機構的單位給予最高10萬元獎勵' },
    trigger: 'agency_recognised',
    beneficiary: 'agency',
    selector: { level: ['provincial'] },
    base: 'fixed',
    rateBp: 10_000,
    fixedAmount: 10 * 万,
    totalCap: 10 * 万,
    budgetLine: 'wh-agency',
  },
  {
    id: 'wh-9-agency-evaluation',
    title: '技术转移服务机构年度绩效评价补助（省市不叠加）',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '9', quote: '年度績效評價結果為優秀的,每家給予最高10萬元補助,評價結果為良好的,每家給予最高6萬元補助,省市兩級技術轉移服務機構資金補助不疊加享受。' },
    trigger: 'agency_evaluation',
    beneficiary: 'agency',
    selector: { evaluationScheme: ['city'] },
    conditions: { grades: ['excellent', 'good'] },
    base: 'fixed',
    rateBp: 10_000,
    fixedByValue: { excellent: 10 * 万, good: 6 * 万 },
    noStackingGroup: 'wh-agency-evaluation',
    budgetLine: 'wh-agency',
  },
  {
    id: 'wh-9-agency-landing',
    title: '技术转移服务机构促成高校院所成果本地落地奖补',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '9', quote: '對促成高校院所科技成果(技術開發、技術轉讓)在我市企業落地轉化備案技術轉移服務機構,給予不超過實際技術交易額1%的獎補,最高補助50萬元。' },
    trigger: 'contract_payment',
    beneficiary: 'agency',
    conditions: { agencyPresent: true, sellerTypes: ['university', 'institute'], buyerTypes: ['enterprise'], localRoles: ['buyer'], contractKinds: weihaiContract },
    base: 'paymentAmount',
    rateBp: 100,
    itemCap: 50 * 万,
    budgetLine: 'wh-agency',
  },
  {
    id: 'wh-10-training-base',
    title: '首次认定国家级/省级技术转移人才培养基地奖励',
    kind: 'subsidy',
    mode: 'evaluated',
    source: { file: WH, item: '10', quote: '對首次認定為國家技術轉移人才培養基地的給予最高20萬元獎勵,對首次認定為山東省技術轉移人才培養基地的給予最高10萬元獎勵。' },
    trigger: 'evaluated_award',
    beneficiary: 'beneficiary',
    selector: { scheme: ['wh_training_base'] },
    base: 'decided',
    rateBp: 10_000,
    itemCapByValue: { national: 20 * 万, provincial: 10 * 万 },
    itemCap: 20 * 万,
    totalCap: 30 * 万,
    budgetLine: 'wh-talent',
  },
  {
    id: 'wh-15-risk-pool',
    title: '科技成果转化贷款风险补偿备案（每家企业贷款余额不超过2000万元）',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '15', quote: '每家企業納入風險補償的貸款余額不超過2000萬元。' },
    trigger: 'loan_registered',
    beneficiary: 'borrower',
    base: 'none',
    rateBp: 0,
    balanceCap: 2000 * 万,
    budgetLine: 'wh-loan-risk',
  },
  {
    id: 'wh-15-loan-default',
    title: '贷款风险补偿（不良本金70%，增信早期初创企业90%）',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '15', quote: '省市兩級風險補償標準為備案貸款不良本金的70%,對通過“科融信”平臺增信評估的早期、初創期科技型中小企業,省市兩級風險補償比例最高可達90%' },
    trigger: 'loan_default',
    beneficiary: 'borrower',
    conditions: { loanInPool: true },
    base: 'badPrincipal',
    rateBp: 7000,
    rateBpWithFlags: { flags: ['earlyStage', 'creditRated'], rateBp: 9000 },
    budgetLine: 'wh-loan-risk',
  },
  {
    id: 'wh-15-loan-interest',
    title: '科技成果转化贷款贴息（每家企业最高50万元）',
    kind: 'subsidy',
    mode: 'computed',
    source: { file: WH, item: '15', quote: '對納入山東省科技成果轉化貸款風險補償備案并按時還本付息的科技型中小企業,積極落實省級貼息支持,每家企業貼息最高50萬元' },
    trigger: 'loan_interest',
    beneficiary: 'borrower',
    conditions: { loanInPool: true },
    base: 'interest',
    rateBp: 10_000,
    totalCap: 50 * 万,
    budgetLine: 'wh-loan-interest',
  },
];

/**
 * The day 晋中's pool (入库培育, version 3) came into the platform's rules.
 * Evaluations dated before it were judged, and stored, by version 2, which
 * did not ask for a pool entry: the seeded history keeps version 2 until the
 * day before, so a fresh database, the trial and the command judge such an
 * evaluation as the platform did when it was recorded.
 */
export const JINZHONG_POOL_FROM = '2026-12-06';

/** 晋中 as seeded in version 2: the evaluation reward without a pool entry, the pool term a provision (as stored by databases seeded then). */
const jinzhongBeforePool: PolicyRuleInput[] = jinzhong.map((r) => {
  if (r.id === 'jz-20-agency-evaluation') {
    const { agencyInPool: _pool, ...conditions } = r.conditions ?? {};
    return { ...r, conditions };
  }
  if (r.id === 'jz-20-agency-pool-term') {
    const { poolTermYears: _term, conditions: _c, ...rest } = r;
    return {
      ...rest,
      title: '入库机构培育有效期3年，每年评估',
      kind: 'provision',
      mode: 'evaluated',
      trigger: null,
      beneficiary: null,
      note: `入库登记自 ${JINZHONG_POOL_FROM} 起（第 3 版）才是绩效评估奖励的条件；此前日期的评估不要求入库登记。`,
    };
  }
  return r;
});

/**
 * The day 沈阳's 003-3 stake exit came into the platform's rules (version 2,
 * the same change that brought 晋中's pool). Version 1 showed 003-3 as a
 * provision; the seeded history keeps it until the day before, so a database
 * seeded with version 1 publishes version 2 from this day (not from whatever
 * day it restarts), and it, a fresh database, the trial and the command judge
 * a stake exit of any date alike.
 */
export const SHENYANG_STAKE_FROM = JINZHONG_POOL_FROM;

/** 沈阳 as seeded in version 1: 003-3 a provision without money (as stored by databases seeded then). */
const shenyangBeforeStake: PolicyRuleInput[] = shenyang.map((r) =>
  r.id === 'sy-3-government-stake'
    ? { ...r, title: '政府投资不经营、不投票、不取利，本息退出，增值让渡', kind: 'provision', mode: 'evaluated', trigger: null, beneficiary: null, base: 'none', rateBp: 0, budgetLine: 'sy-none', note: `政府投资退出的增值让渡自 ${SHENYANG_STAKE_FROM} 起（第 2 版）才由平台计算；此前日期的退出不在平台计算之列。` }
    : r,
);

/**
 * The seeded packs: each jurisdiction's versions in order (its history). A
 * pack whose rules change in this file gets a higher `version`: a database
 * seeded with an earlier one publishes it as a new version at start-up
 * (`ensureSeededPacks`), never editing the stored one.
 *  - 晋中 2: 000-20 优良率不超过30% (`gradeShare`) on the agency evaluation.
 *  - 晋中 3 (from JINZHONG_POOL_FROM): 000-20 入库培育 (`agency_pooled`, 3 years): the evaluation reward only within the pool term.
 *  - 沈阳 2 (from SHENYANG_STAKE_FROM): 003-3 the government stake's exit computed (`stake_exit`): the appreciation above principal + bank interest to the owner.
 */
const SEEDED: { jurisdiction: string; version: string; name: string; validFrom: string; rules: PolicyRuleInput[] }[] = [
  { jurisdiction: '140700', version: '2', name: '晋中市科技成果转化奖补', validFrom: '2020-01-01', rules: jinzhongBeforePool },
  { jurisdiction: '140700', version: '3', name: '晋中市科技成果转化奖补', validFrom: JINZHONG_POOL_FROM, rules: jinzhong },
  { jurisdiction: '140000', version: '1', name: '山西省科技成果转移转化行动', validFrom: '2020-01-01', rules: shanxi },
  { jurisdiction: '610000', version: '1', name: '陕西省科技成果转移转化', validFrom: '2020-01-01', rules: shaanxi },
  { jurisdiction: '210100', version: '1', name: '沈阳市科技成果转化', validFrom: '2020-01-01', rules: shenyangBeforeStake },
  { jurisdiction: '210100', version: '2', name: '沈阳市科技成果转化', validFrom: SHENYANG_STAKE_FROM, rules: shenyang },
  { jurisdiction: '371000', version: '1', name: '威海市科技成果转移转化若干措施', validFrom: '2020-01-01', rules: weihai },
];

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The seeded packs, every version of each jurisdiction in order, each valid until the day before the next one starts (the latest without end). */
export function seededPacks(): PackVersion[] {
  return SEEDED.map((p, i) => {
    const next = SEEDED.slice(i + 1).find((q) => q.jurisdiction === p.jurisdiction);
    return packVersion.parse({ jurisdiction: p.jurisdiction, version: p.version, name: p.name, validFrom: p.validFrom, validTo: next ? dayBefore(next.validFrom) : null, rules: p.rules });
  });
}

/** A jurisdiction's latest seeded version. */
export function latestSeededPack(jurisdiction: string): PackVersion {
  return seededPacks().filter((p) => p.jurisdiction === jurisdiction).at(-1)!;
}

/** The jurisdictions of the seeded packs and their names. */
export const SEEDED_JURISDICTIONS: Record<string, string> = { '140700': '晋中市', '140000': '山西省', '610000': '陕西省', '210100': '沈阳市', '371000': '威海市' };

/** The regions the engine names without a database (the packs' jurisdictions and the provinces above them); the server adds the tree's. */
export const PACK_REGION_NAMES: Record<string, string> = { ...SEEDED_JURISDICTIONS, '210000': '辽宁省', '370000': '山东省' };

/**
 * The budget lines (预算科目) the seeded rules spend from, named for people
 * after the source items they fund; the code is what rules and budgets store.
 */
export const BUDGET_LINES: Record<string, BudgetLineName> = {
  'jz-achievement-output': { zh: '高校院所成果本市输出补助（晋中 13）', en: 'Universities’ local output of results (Jinzhong 13)' },
  'jz-researcher-reward': { zh: '科研人员就地转化奖励（晋中 13）', en: 'Researchers’ local conversion reward (Jinzhong 13)' },
  'jz-agency': { zh: '技术转化机构奖补（晋中 20）', en: 'Technology transfer agencies (Jinzhong 20)' },
  'jz-invest-then-equity': { zh: '“先投后股”科技经费（晋中 25）', en: 'Invest-then-equity science funds (Jinzhong 25)' },
  'jz-tax': { zh: '股权转让个人所得税（不涉及拨款）', en: 'Income tax on equity transfers (no payment)' },
  'jz-none': { zh: '不涉及资金（尽职免责）', en: 'No money (exemption from liability)' },
  'sx-none': { zh: '不涉及资金（科研攻关组织方式）', en: 'No money (way of organising research)' },
  'sn-none': { zh: '不涉及资金（收益分配比例）', en: 'No money (income shares)' },
  'sn-talent': { zh: '人才带技术创办企业后补助或贴息（陕西 17）', en: 'Talent start-ups: subsidy or interest support (Shaanxi 17)' },
  'sy-filing': { zh: '成果备案单位奖励（沈阳 2）', en: 'Result filing units (Shenyang 2)' },
  'sy-government-stake': { zh: '政府投资股权增值让渡（沈阳 3）', en: 'Government stake appreciation to owners (Shenyang 3)' },
  'sy-none': { zh: '不涉及资金（政府投资退出方式）', en: 'No money (government stake exit terms)' },
  'sy-jiebang': { zh: '“揭榜挂帅”需求企业前资助（沈阳 13）', en: 'Jiebang guashuai pre-funding of posers (Shenyang 13)' },
  'sy-roadshow': { zh: '大学生创业路演落地支持（沈阳 16）', en: 'Student start-up roadshows (Shenyang 16)' },
  'wh-industry-university': { zh: '产学研合作补助（威海 4）', en: 'Industry–university cooperation (Weihai 4)' },
  'wh-two-way': { zh: '双向揭榜资助（威海 5）', en: 'Two-way challenges (Weihai 5)' },
  'wh-platform': { zh: '产学研对接活动与云上研发中心补助（威海 2、3）', en: 'Matchmaking events and cloud R&D centres (Weihai 2, 3)' },
  'wh-pilot': { zh: '中试示范基地、概念验证中心补助（威海 6）', en: 'Pilot bases and proof-of-concept centres (Weihai 6)' },
  'wh-incubation': { zh: '国家级科技企业孵化器奖励（威海 7）', en: 'National technology business incubators (Weihai 7)' },
  'wh-agency': { zh: '技术转移服务机构奖补（威海 9）', en: 'Technology transfer agencies (Weihai 9)' },
  'wh-talent': { zh: '技术转移人才培养基地奖励（威海 10）', en: 'Technology transfer training bases (Weihai 10)' },
  'wh-loan-risk': { zh: '科技成果转化贷款风险补偿（威海 15）', en: 'Conversion loan risk compensation (Weihai 15)' },
  'wh-loan-interest': { zh: '科技成果转化贷款贴息（威海 15）', en: 'Conversion loan interest subsidy (Weihai 15)' },
};

/** A budget line's name; a line an administrator made up (not seeded) is named by its code. */
export function budgetLineNameOf(code: string): BudgetLineName {
  return BUDGET_LINES[code] ?? { zh: code, en: code };
}

/**
 * The quoted sentences written in traditional characters (威海's seed is), read in
 * simplified characters, by rule id; the quote itself stays as the source wrote it.
 */
export function quotesSimplifiedOf(rules: { id: string; source: { quote: string } }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rules) {
    const simplified = simplifiedText(r.source.quote);
    if (simplified !== r.source.quote) out[r.id] = simplified;
  }
  return out;
}

/** The names of the budget lines a version's rules spend from, by code. */
export function budgetLinesOf(rules: { budgetLine: string }[]): Record<string, BudgetLineName> {
  return Object.fromEntries(rules.map((r) => [r.budgetLine, budgetLineNameOf(r.budgetLine)]));
}
