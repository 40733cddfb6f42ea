/** Messages of profile review (技术经纪人 / 评审专家) and the broker's and expert's workbenches (spread into `messages`). */
export const profileMessages = {
  'err.profile.notPending': { zh: '该档案不在待审核状态（可能已被审核或已修改）', en: 'This profile is not waiting for review' },
  'err.profile.noJurisdiction': { zh: '该档案未关联单位或地区，无法确定由哪个辖区审核；请持有人先关联所在单位', en: 'This profile names no organisation or region, so no jurisdiction can review it; the holder links an organisation first' },
  'err.profile.ownReview': { zh: '不能审核自己的档案', en: 'You cannot review your own profile' },
  'err.profile.notReviewed': { zh: '只有技术经纪人和评审专家档案需要审核', en: 'Only broker and expert profiles are reviewed' },
  'err.profile.jurisdiction': { zh: '地区代码不存在', en: 'Unknown region code' },
  'err.broker.notApproved': { zh: '您的技术经纪人档案尚未通过辖区管理员审核', en: 'Your broker profile has not been approved by a jurisdiction administrator' },
  'err.expert.notApproved': { zh: '您的评审专家档案尚未通过辖区管理员审核，暂不能提交论证意见', en: 'Your expert profile has not been approved yet, so you cannot give an opinion' },
  'err.broker.notYourDeal': { zh: '这不是委托给您的交易', en: 'This entrustment is not yours' },
  'err.commission.amount': { zh: '佣金金额须为 0.01 元至 100 亿元之间的整数“分”（1–1,000,000,000,000）', en: 'The commission lies between 0.01 yuan and 10 billion yuan (whole fen: 1–1,000,000,000,000)' },
  'err.commission.rate': { zh: '佣金比例须为 1–10000 个基点之间的整数（0.01%–100%）', en: 'The rate is a whole number of basis points from 1 to 10000 (0.01 %–100 %)' },
  'err.commission.oneOf': { zh: '请填写固定金额或比例中的一项（不能都填或都不填）', en: 'Give either a fixed amount or a rate, not both' },
  'entity.followUp': { zh: '跟进记录', en: 'follow-up' },
  'entity.commission': { zh: '佣金约定', en: 'commission' },
};
