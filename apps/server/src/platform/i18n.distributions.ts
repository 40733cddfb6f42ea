/** Messages of 收益分配 (modules/distributions), spread into `messages`. */
export const distributionMessages = {
  'entity.contract': { zh: '技术合同', en: 'contract' },
  'problem.distribution.none': { zh: '该合同没有收益分配', en: 'This contract has no income distribution' },
  'err.distribution.notDistributingSeller': { zh: '该合同的转让方不是高校、科研院所或新型研发机构，无需收益分配', en: 'The seller of this contract is not a university, research institute or R&D institution; no income distribution is made' },
  'err.distribution.noReceipts': { zh: '该合同尚无确认到账的款项：转让方确认到账后，才能为该笔款项制定收益分配方案', en: 'No payment of this contract is confirmed received yet; a plan is made for each payment once the seller confirms it' },
  'problem.distribution.refused': { zh: '收益分配方案未被接受', en: 'The distribution plan is refused' },
  'err.distribution.role': { zh: '角色应为成果完成人、转化贡献人员、单位、服务机构、技术经纪人或政府投资之一', en: 'The role is one of completer, contributor, unit, agency, broker or government' },
  'err.distribution.form': { zh: '形式应为现金或股权', en: 'The form is cash or equity' },
  'err.distribution.basis': { zh: '请说明转化方式：成果完成人自行转化、两年未转化后挂牌交易或拍卖，或其他方式', en: 'State how it was converted: by the completers themselves, listed or auctioned after two years unconverted, or otherwise' },
  'err.distribution.noShares': { zh: '分配方案至少要有一项份额', en: 'A plan has at least one share' },
  'err.distribution.payment': { zh: '该款项不是本合同已确认到账的款项', en: 'This payment is not a confirmed receipt of this contract' },
  'err.distribution.exists': { zh: '这笔到账款项已有分配方案', en: 'This payment has a distribution plan already' },
  'err.distribution.terminated': { zh: '合同已终止，不能再提交分配方案', en: 'The contract is terminated; no new plan can be filed' },
  'err.distribution.costs': { zh: '成本合计不能超过到账金额 {received} 元', en: 'Costs cannot exceed the {received} yuan received' },
  'err.distribution.cashSharesNotEquity': { zh: '现金股只能与技术股一起出现在“股权”形式的份额上：现金形式的份额不能填写现金股', en: 'Cash shares (现金股) belong with technology shares on an equity share: a cash share takes none' },
  'err.distribution.sum': { zh: '各项份额合计 {sum} 元，应等于净收入 {net} 元（相差 {difference} 元）', en: 'The shares add up to {sum} yuan; they must equal the net income of {net} yuan (off by {difference} yuan)' },
  'err.distribution.basisKnown': { zh: '该成果两年未转化后经平台挂牌成交，转化方式应为“两年未转化后挂牌交易或拍卖”', en: 'This achievement was traded on the platform after being flagged unconverted: the basis is “listed or auctioned after two years unconverted”' },
  'err.distribution.floor.self_conversion': {
    zh: '低于法定下限（{rule}）：成果完成人自行转化的，完成人份额应不低于净收入的 {floor}，即 {required} 元；方案为 {actual} 元，差 {shortfall} 元',
    en: 'Below the statutory floor ({rule}): completers who convert it themselves keep at least {floor} of the net income, {required} yuan; the plan gives {actual} yuan, {shortfall} yuan short',
  },
  'err.distribution.floor.listed_after_unconverted': {
    zh: '低于法定下限（{rule}）：两年未转化后挂牌交易或拍卖的，成果完成人和转化贡献人员份额应不低于净收入的 {floor}，即 {required} 元；方案为 {actual} 元，差 {shortfall} 元',
    en: 'Below the statutory floor ({rule}): after a listing or auction of an achievement two years unconverted, completers and contributors receive at least {floor} of the net income, {required} yuan; the plan gives {actual} yuan, {shortfall} yuan short',
  },
  'err.distribution.userNotMember': { zh: '只能指定本单位成员的平台账号；其他受益人请只填写姓名与所属单位', en: 'Only a member of your organisation can be named by account; name anyone else by name and organisation' },
  'err.distribution.exitBeforeInvestment': { zh: '退出日期不能早于投资日期', en: 'The exit cannot precede the investment' },
};
