import { z } from 'zod';

// ---- notifications

/** `action`: the reader has something to do (a returned record, a reminder digest, a request); `news`: for information. */
export const NOTIFICATION_CATEGORIES = ['action', 'news'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

const instantOut = z.union([z.date(), z.string()]);

export const notificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  category: z.enum(NOTIFICATION_CATEGORIES),
  /** In the reader's language (Accept-Language) when the notice has an English text, else the Chinese one. */
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: instantOut,
});
export type NotificationDto = z.infer<typeof notificationDto>;

export const notificationPageDto = z.object({
  items: z.array(notificationDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notices in all: `unreadAction` (to do) plus `unreadNews`. */
  unread: z.number().int(),
  unreadAction: z.number().int(),
  unreadNews: z.number().int(),
});

/** `POST /api/notifications/read-all`: how many notices were marked read. */
export const markedReadDto = z.object({ marked: z.number().int() });
export type MarkedRead = z.infer<typeof markedReadDto>;

export const notificationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).optional(),
  category: z.enum(NOTIFICATION_CATEGORIES).optional(),
});

// ---- the local rule on unconverted achievements (a jurisdiction setting)

export const jurisdictionRulesBody = z.object({
  /** Years after publication without conversion before an achievement is flagged for public trading; null: no such rule here. */
  unconvertedYears: z.number().int().min(1).max(20).nullable(),
});
export const jurisdictionRulesDto = z.object({ code: z.string(), name: z.string(), unconvertedYears: z.number().int().nullable() });

/** A jurisdiction of the tree; the list adds what the caller may do there. */
export const jurisdictionDto = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county']), parentCode: z.string().nullable(), path: z.string(), unconvertedYears: z.number().int().nullable() });
export type JurisdictionDto = z.infer<typeof jurisdictionDto>;
export const jurisdictionListDto = z.object({ items: z.array(jurisdictionDto.extend({ allowedActions: z.array(z.string()) })), total: z.number().int() });
export const jurisdictionAdminDto = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), grantedAt: z.union([z.date(), z.string()]) });
export const jurisdictionAdminListDto = z.object({ items: z.array(jurisdictionAdminDto), total: z.number().int() });

// ---- audit: what each action and object is called, for an official reading the log

type Label = { zh: string; en: string };

/** What the audit log calls each kind of object. */
export const AUDIT_ENTITY_LABELS: Record<string, Label> = {
  user: { zh: '用户', en: 'User' },
  organization: { zh: '单位', en: 'Organisation' },
  membership: { zh: '单位成员', en: 'Membership' },
  invitation: { zh: '成员邀请', en: 'Invitation' },
  jurisdiction: { zh: '行政区划', en: 'Jurisdiction' },
  profile: { zh: '个人资料', en: 'Profile' },
  session: { zh: '登录会话', en: 'Session' },
  achievement: { zh: '科技成果', en: 'Achievement' },
  challenge: { zh: '榜单（揭榜挂帅）', en: 'Challenge' },
  contract: { zh: '技术合同', en: 'Technology contract' },
  registrationPoint: { zh: '合同登记点', en: 'Registration point' },
  distribution: { zh: '收益分配方案', en: 'Income distribution plan' },
  policyPack: { zh: '政策条款版本', en: 'Policy rule version' },
  entitlement: { zh: '奖补', en: 'Subsidy entitlement' },
  policyBudget: { zh: '奖补预算', en: 'Subsidy budget' },
  policyEvent: { zh: '奖补事项', en: 'Subsidy event' },
  policyRecord: { zh: '奖补登记事项', en: 'Subsidy record' },
  // A contract party's type (技术合同 parties are written with it).
  enterprise: { zh: '企业', en: 'Enterprise' },
  demand: { zh: '技术需求', en: 'Technology demand' },
  demandList: { zh: '需求清单', en: 'Demand list' },
  import: { zh: '批量导入', en: 'Import' },
  job: { zh: '后台任务', en: 'Background job' },
  listing: { zh: '挂牌项目', en: 'Listing' },
  deal: { zh: '交易', en: 'Deal' },
  match: { zh: '匹配结果', en: 'Match' },
  matchBatch: { zh: '批量匹配', en: 'Match batch' },
  matchInquiry: { zh: '匹配咨询', en: 'Match inquiry' },
  matchReview: { zh: '专家评议', en: 'Expert review' },
  outboxMessage: { zh: '邮件/短信', en: 'E-mail/SMS message' },
  subscription: { zh: '推送订阅', en: 'Subscription' },
  catalogue: { zh: '成果/需求目录', en: 'Catalogue' },
  verificationCode: { zh: '验证码', en: 'Verification code' },
  announcement: { zh: '通知公告', en: 'Announcement' },
  followUp: { zh: '跟进记录', en: 'Follow-up' },
  commission: { zh: '佣金约定', en: 'Commission' },
  conversation: { zh: '洽谈', en: 'Conversation' },
  storage: { zh: '文件存储', en: 'File storage' },
};

const recordActions = (type: 'achievement' | 'demand', noun: Label): Record<string, Label> => ({
  [`${type}.create`]: { zh: `登记${noun.zh}`, en: `${noun.en} created` },
  [`${type}.update`]: { zh: `修改${noun.zh}`, en: `${noun.en} changed` },
  [`${type}.submit`]: { zh: `提交${noun.zh}审核`, en: `${noun.en} submitted for review` },
  [`${type}.publish`]: { zh: `审核通过并发布${noun.zh}`, en: `${noun.en} approved and published` },
  [`${type}.return`]: { zh: `退回${noun.zh}`, en: `${noun.en} returned` },
  [`${type}.withdraw`]: { zh: `撤回${noun.zh}`, en: `${noun.en} withdrawn` },
  [`${type}.confirm`]: { zh: `确认${noun.zh}仍有效`, en: `${noun.en} confirmed as current` },
  [`${type}.import`]: { zh: `批量导入${noun.zh}`, en: `${noun.en} imported` },
  [`${type}.access.request`]: { zh: `申请查看${noun.zh}详情`, en: `Access to ${noun.en.toLowerCase()} requested` },
  [`${type}.access.approved`]: { zh: `同意查看${noun.zh}详情`, en: `Access to ${noun.en.toLowerCase()} granted` },
  [`${type}.access.declined`]: { zh: `拒绝查看${noun.zh}详情`, en: `Access to ${noun.en.toLowerCase()} declined` },
  [`${type}.attachment.add`]: { zh: `上传${noun.zh}附件`, en: `${noun.en} attachment added` },
  [`${type}.attachment.delete`]: { zh: `删除${noun.zh}附件`, en: `${noun.en} attachment deleted` },
});

/** A label for every audit action code the platform writes (a test finds the codes in the source and requires one each). */
export const AUDIT_ACTION_LABELS: Record<string, Label> = {
  'user.register': { zh: '注册账号', en: 'Account registered' },
  'user.login': { zh: '登录', en: 'Signed in' },
  'user.logout': { zh: '退出登录', en: 'Signed out' },
  'user.password.change': { zh: '修改密码', en: 'Password changed' },
  'user.bootstrapAdmin': { zh: '设立首个平台管理员', en: 'First platform administrator set up' },
  'user.login.fail': { zh: '登录失败', en: 'Sign-in failed' },
  'user.login.throttled': { zh: '登录尝试过多，暂时限制', en: 'Sign-in throttled' },
  'user.password.changeRefused': { zh: '修改密码被拒绝', en: 'Password change refused' },
  'user.register.codeSent': { zh: '发送注册验证码', en: 'Registration code sent' },
  'user.register.codeWrong': { zh: '注册验证码错误', en: 'Wrong registration code' },
  'user.register.existingAddress': { zh: '用已注册的地址再次注册', en: 'Registration for an address already registered' },
  'security.csrfRefused': { zh: '拒绝跨站请求', en: 'Cross-site request refused' },
  'notification.readAll': { zh: '全部通知标为已读', en: 'All notifications marked read' },
  'catalogue.sweep': { zh: '执行新鲜度与未转化检查', en: 'Freshness and unconverted check run' },
  'profile.approve': { zh: '个人资料审核通过', en: 'Profile approved' },
  'profile.reject': { zh: '个人资料审核未通过', en: 'Profile refused' },
  'announcement.publish': { zh: '发布通知公告', en: 'Announcement published' },
  'announcement.update': { zh: '修改通知公告', en: 'Announcement changed' },
  'announcement.withdraw': { zh: '撤下通知公告', en: 'Announcement withdrawn' },
  'followUp.create': { zh: '记录跟进情况', en: 'Follow-up recorded' },
  'commission.create': { zh: '约定佣金', en: 'Commission agreed' },
  'commission.update': { zh: '修改佣金约定', en: 'Commission changed' },
  'conversation.open': { zh: '发起洽谈', en: 'Conversation opened' },
  'conversation.message': { zh: '发送洽谈消息', en: 'Message sent in a conversation' },
  'conversation.answer': { zh: '回复洽谈', en: 'Conversation answered' },
  'conversation.throttle': { zh: '洽谈消息过于频繁被限制', en: 'Conversation messages throttled' },
  'favourite.add': { zh: '加入收藏', en: 'Saved to favourites' },
  'favourite.remove': { zh: '取消收藏', en: 'Removed from favourites' },
  'achievement.import.refuse': { zh: '拒绝导入科技成果文件', en: 'Achievement import file refused' },
  'demand.import.refuse': { zh: '拒绝导入技术需求文件', en: 'Demand import file refused' },
  'achievement.import.dryRun': { zh: '试导入科技成果', en: 'Achievement import checked (dry run)' },
  'demand.import.dryRun': { zh: '试导入技术需求', en: 'Demand import checked (dry run)' },
  'organization.licence.upload': { zh: '上传营业执照', en: 'Business licence uploaded' },
  'storage.sweep': { zh: '清理无用文件', en: 'Unused files swept' },
  'profile.create': { zh: '建立个人资料', en: 'Profile created' },
  'profile.update': { zh: '修改个人资料', en: 'Profile changed' },
  'profile.delete': { zh: '删除个人资料', en: 'Profile deleted' },
  'organization.apply': { zh: '申请单位认证', en: 'Organisation applied for verification' },
  'organization.update': { zh: '修改单位信息', en: 'Organisation details changed' },
  'organization.reapply': { zh: '重新申请单位认证', en: 'Organisation applied again' },
  'organization.verify': { zh: '单位认证通过', en: 'Organisation verified' },
  'organization.reject': { zh: '单位认证未通过', en: 'Organisation verification refused' },
  'organization.invite': { zh: '邀请单位成员', en: 'Member invited' },
  'organization.invitation.revoke': { zh: '撤销成员邀请', en: 'Invitation revoked' },
  'organization.invitation.decline': { zh: '谢绝成员邀请', en: 'Invitation declined' },
  'organization.member.join': { zh: '加入单位', en: 'Member joined' },
  'organization.member.remove': { zh: '移除单位成员', en: 'Member removed' },
  'jurisdiction.create': { zh: '新增行政区划', en: 'Jurisdiction added' },
  'jurisdiction.admin.grant': { zh: '任命区划管理员', en: 'Administrator appointed' },
  'jurisdiction.admin.revoke': { zh: '撤销区划管理员', en: 'Administrator removed' },
  'jurisdiction.catalogueSettings.update': { zh: '设置成果/需求新鲜度期限', en: 'Freshness period set' },
  'jurisdiction.tradingSettings.update': { zh: '设置交易规则', en: 'Trading settings changed' },
  'jurisdiction.rules.update': { zh: '设置未转化成果规则', en: 'Rule on unconverted achievements set' },
  ...recordActions('achievement', { zh: '科技成果', en: 'Achievement' }),
  ...recordActions('demand', { zh: '技术需求', en: 'Technology demand' }),
  'achievement.conversion.record': { zh: '登记成果转化', en: 'Conversion recorded' },
  'achievement.followup.save': { zh: '填报转化跟踪情况', en: 'Follow-up report saved' },
  'achievement.entrust': { zh: '委托代理交易', en: 'Trading entrusted to an agent' },
  'achievement.entrust.propose': { zh: '提议委托代理交易', en: 'Entrustment proposed' },
  'achievement.entrust.revoke': { zh: '撤销代理委托', en: 'Entrustment revoked' },
  'demandList.create': { zh: '新建需求清单', en: 'Demand list created' },
  'demandList.update': { zh: '修改需求清单', en: 'Demand list changed' },
  'demandList.items.set': { zh: '调整需求清单条目', en: 'Demand list items set' },
  'demandList.compile': { zh: '汇编需求清单', en: 'Demand list compiled' },
  'demandList.publish': { zh: '发布需求清单', en: 'Demand list published' },
  'match.feedback': { zh: '反馈匹配结果', en: 'Match feedback given' },
  'matchBatch.create': { zh: '发起批量匹配', en: 'Match batch started' },
  'matchInquiry.create': { zh: '提出匹配咨询', en: 'Match inquiry sent' },
  'matchInquiry.answer': { zh: '答复匹配咨询', en: 'Match inquiry answered' },
  'matchReview.create': { zh: '邀请专家评议', en: 'Expert review requested' },
  'matchReview.opinion': { zh: '专家提交评议意见', en: 'Expert opinion given' },
  'matchReview.decline': { zh: '专家谢绝评议', en: 'Expert declined' },
  'matchReview.close': { zh: '结束专家评议', en: 'Expert review closed' },
  'subscription.create': { zh: '新建推送订阅', en: 'Subscription created' },
  'subscription.update': { zh: '修改推送订阅', en: 'Subscription changed' },
  'subscription.delete': { zh: '删除推送订阅', en: 'Subscription deleted' },
  'pushSettings.update': { zh: '修改推送设置', en: 'Push settings changed' },
  'push.unsubscribe': { zh: '退订推送', en: 'Unsubscribed from pushes' },
  'outbox.sent': { zh: '邮件/短信已发送', en: 'Message sent' },
  'outbox.failed': { zh: '邮件/短信发送失败', en: 'Message failed' },
  'job.retried': { zh: '重试后台任务', en: 'Job retried' },
  'listing.submitted': { zh: '提交挂牌申请', en: 'Listing submitted' },
  'listing.approved': { zh: '挂牌审核通过', en: 'Listing approved' },
  'listing.rejected': { zh: '挂牌审核未通过', en: 'Listing rejected' },
  'listing.withdrawn': { zh: '撤牌', en: 'Listing withdrawn' },
  'listing.offer': { zh: '提交意向报价', en: 'Offer made' },
  'listing.offerAccepted': { zh: '接受报价', en: 'Offer accepted' },
  'listing.objection': { zh: '提出公示异议', en: 'Objection lodged' },
  'listing.objectionResolved': { zh: '处理公示异议', en: 'Objection resolved' },
  'listing.objectionVexatious': { zh: '认定恶意异议', en: 'Objection found vexatious' },
  'listing.registered': { zh: '竞买报名', en: 'Registered to bid' },
  'listing.registrationProof': { zh: '上传保证金凭证', en: 'Deposit proof uploaded' },
  'listing.registrationConfirmed': { zh: '确认竞买报名', en: 'Registration confirmed' },
  'listing.registrationRejected': { zh: '退回竞买报名', en: 'Registration refused' },
  'listing.noticeEnded': { zh: '公示期结束', en: 'Notice period ended' },
  'listing.deposit': { zh: '登记保证金', en: 'Deposit recorded' },
  'listing.bid': { zh: '出价', en: 'Bid placed' },
  'listing.closed': { zh: '竞价结束', en: 'Auction closed' },
  'listing.dealCreated': { zh: '生成交易', en: 'Deal created' },
  'listing.dealConfirmed': { zh: '确认成交', en: 'Deal confirmed' },
  'listing.dealSigned': { zh: '签订合同', en: 'Contract signed' },
  'listing.dealLapsed': { zh: '交易逾期失效', en: 'Deal lapsed' },
  'listing.dealCancelled': { zh: '取消交易', en: 'Deal cancelled' },
  'listing.dealCompleted': { zh: '交易完成', en: 'Deal completed' },
  'deal.confirm': { zh: '确认成交', en: 'Deal confirmed' },
  'deal.sign': { zh: '签订合同', en: 'Contract signed' },
  'deal.payment': { zh: '登记付款', en: 'Payment recorded' },
  'deal.revenue': { zh: '登记收益分配', en: 'Revenue recorded' },
  'deal.complete': { zh: '交易完成', en: 'Deal completed' },
  'deal.lapse': { zh: '交易逾期失效', en: 'Deal lapsed' },
  'deal.cancel': { zh: '取消交易', en: 'Deal cancelled' },
  'challenge.post': { zh: '发布榜单（待审核）', en: 'Challenge posted' },
  'challenge.review': { zh: '审核榜单', en: 'Challenge reviewed' },
  'challenge.bid': { zh: '揭榜', en: 'Bid submitted' },
  'challenge.checkBid': { zh: '形式审查', en: 'Bid checked' },
  'challenge.setPanel': { zh: '确定评审专家', en: 'Expert panel set' },
  'challenge.declareConflict': { zh: '声明回避', en: 'Conflict declared' },
  'challenge.score': { zh: '专家评分', en: 'Bid scored' },
  'challenge.award': { zh: '确定揭榜方', en: 'Challenge awarded' },
  'challenge.reportMilestone': { zh: '提交里程碑成果', en: 'Milestone reported' },
  'challenge.acceptMilestone': { zh: '验收里程碑', en: 'Milestone accepted' },
  'challenge.returnMilestone': { zh: '退回里程碑', en: 'Milestone returned' },
  'challenge.milestone.attach': { zh: '上传里程碑成果材料', en: 'Milestone file uploaded' },
  'challenge.milestone.detach': { zh: '删除里程碑成果材料', en: 'Milestone file removed' },
  'challenge.milestone.filesSwept': { zh: '清理未提交的里程碑材料', en: 'Unsubmitted milestone files removed' },
  'challenge.terminate': { zh: '终止榜单', en: 'Challenge terminated' },
  'challenge.finalizeAward': { zh: '公示期满，中标结果确定', en: 'Award final after its notice' },
  'challenge.object': { zh: '对中标结果提出异议', en: 'Objection to an award' },
  'challenge.resolveObjection': { zh: '处理中标异议', en: 'Objection to an award resolved' },
  'challenge.stageGate': { zh: '赛马阶段评审', en: 'Racing stage gate' },
  'challenge.replacePanelMember': { zh: '更换评审专家', en: 'Panel member replaced' },
  'challenge.signAgreement': { zh: '签署军令状（揭榜协议）', en: 'Agreement (pledge) signed' },
  'challenge.recordPayment': { zh: '记录悬赏金支付', en: 'Bounty payment recorded' },
  'challenge.export': { zh: '导出揭榜数据（Excel）', en: 'Challenge data exported (Excel)' },
  'challenge.task.create': { zh: '新增众包任务', en: 'Crowdsourcing task added' },
  'challenge.task.submit': { zh: '提交众包成果', en: 'Crowdsourcing work submitted' },
  'challenge.task.accept': { zh: '验收众包成果并记录支付奖励', en: 'Crowdsourcing work accepted, reward recorded as paid' },
  'challenge.task.return': { zh: '退回众包成果', en: 'Crowdsourcing work returned' },
  'contract.prefillFromChallenge': { zh: '由揭榜结果生成合同草稿', en: 'Contract prefilled from a challenge award' },
  'contract.prefill': { zh: '由成交生成合同草稿', en: 'Contract prefilled from a deal' },
  'contract.create': { zh: '填写技术合同', en: 'Contract entered' },
  'contract.import.dryRun': { zh: '预检导入技术合同', en: 'Contract import checked (dry run)' },
  'contract.import': { zh: '导入技术合同', en: 'Contracts imported' },
  'contract.import.discard': { zh: '放弃中断的技术合同导入', en: 'Failed contract import discarded' },
  'contract.update': { zh: '修改技术合同', en: 'Contract edited' },
  'contract.submit': { zh: '申请认定登记', en: 'Contract submitted for registration' },
  'contract.register': { zh: '认定登记', en: 'Contract registered' },
  'contract.refuse': { zh: '不予登记', en: 'Registration refused' },
  'contract.return': { zh: '退回补正', en: 'Contract returned for corrections' },
  'contract.amend': { zh: '变更登记', en: 'Registration amended' },
  'contract.terminate': { zh: '终止合同', en: 'Contract terminated' },
  'contract.payment.record': { zh: '登记合同付款', en: 'Contract payment recorded' },
  'contract.payment.confirm': { zh: '确认到账', en: 'Receipt confirmed' },
  'contract.payment.receipt': { zh: '上传付款凭证', en: 'Payment receipt attached' },
  'contract.payment.receiptRemove': { zh: '删除付款凭证', en: 'Payment receipt removed' },
  'contract.document': { zh: '上传签章合同文本', en: 'Signed contract attached' },
  'contract.amendment.document': { zh: '为变更登记附文件', en: 'Document attached to an amendment' },
  'contract.documentRemove': { zh: '删除合同文本', en: 'Contract document removed' },
  'contract.payment.carryOver': { zh: '从交易转入付款', en: 'Payment carried over from the deal' },
  'contract.royaltyRaise': { zh: '到账款项超出合同金额，合同金额相应增加', en: 'Contract amount raised by a payment beyond it' },
  'registrationPoint.create': { zh: '设立登记点', en: 'Registration point created' },
  'registrationPoint.staff': { zh: '设置登记点工作人员', en: 'Registration point staff set' },
  'registrationSettings.update': { zh: '修改登记时限', en: 'Registration window changed' },
  'distribution.plan': { zh: '提交收益分配方案', en: 'Distribution plan filed' },
  'policyPack.publish': { zh: '发布政策条款新版本', en: 'Policy rule version published' },
  'policyPack.publishSeeded': { zh: '发布内置政策条款新版本', en: 'Built-in policy rule version published' },
  'entitlement.grant': { zh: '生成奖补', en: 'Entitlement granted' },
  'entitlement.cancel': { zh: '撤销奖补', en: 'Entitlement cancelled' },
  'entitlement.apply': { zh: '申报奖补', en: 'Entitlement applied for' },
  'entitlement.attachment.add': { zh: '上传奖补申报材料', en: 'Entitlement document uploaded' },
  'entitlement.attachment.delete': { zh: '删除奖补申报材料', en: 'Entitlement document deleted' },
  'entitlement.return': { zh: '退回奖补申报补正', en: 'Entitlement application returned for correction' },
  'entitlement.resubmit': { zh: '补正后重新申报奖补', en: 'Entitlement application resubmitted' },
  'entitlement.approve': { zh: '审批奖补', en: 'Entitlement approved' },
  'entitlement.reject': { zh: '驳回奖补申报', en: 'Entitlement rejected' },
  'entitlement.pay': { zh: '拨付奖补', en: 'Entitlement paid' },
  'policyBudget.set': { zh: '设置奖补预算', en: 'Subsidy budget set' },
  'policyEvent.record': { zh: '登记奖补事项', en: 'Subsidy event recorded' },
  'policyRecord.create': { zh: '登记奖补事项（评价、认定、贷款、评审奖励、科研人员收入）', en: 'Subsidy record entered (evaluation, recognition, loan, award, researcher income)' },
  'jurisdiction.setTargets': { zh: '设置统计目标', en: 'Targets set' },
};

/** An action's name in a language; an unknown code (a newer server) is shown as it is. */
export const auditActionLabel = (code: string, lang: 'zh' | 'en') => AUDIT_ACTION_LABELS[code]?.[lang] ?? code;
export const auditEntityLabel = (type: string, lang: 'zh' | 'en') => AUDIT_ENTITY_LABELS[type]?.[lang] ?? type;

/**
 * The page of an audited object, for a link from the log (none for objects
 * without a page). `importing`: '' for an object that has its page, null for
 * one that is gone (a discarded import's contract), else the import whose
 * hidden row it still is — the log links to that import's history instead.
 */
export function auditEntityLink(type: string, id: string, importing: string | null = ''): string | null {
  if (importing === null) return null;
  if (importing) return `/admin/audit?entityType=import&entityId=${encodeURIComponent(importing)}`;
  const pages: Record<string, string> = {
    contract: `/contracts/${id}`,
    achievement: `/achievements/${id}`,
    demand: `/demands/${id}`,
    listing: `/listings/${id}`,
    deal: `/deals/${id}`,
    organization: `/org/${id}`,
    demandList: `/demand-lists/${id}`,
  };
  return pages[type] ?? null;
}

export const auditEventDto = z.object({
  seq: z.number(),
  at: instantOut,
  actor: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  organizationId: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  jurisdictionCode: z.string().nullable(),
  jurisdiction: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  action: z.string(),
  /** The action's name in the reader's language (Accept-Language). */
  actionLabel: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The object as a person knows it: its kind, its title or name, the page it has. */
  entity: z.object({ type: z.string(), typeLabel: z.string(), id: z.string(), name: z.string().nullable(), link: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  /** The request id the client sent, when it differs from the server's own. */
  clientRequestId: z.string().nullable().optional(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export const auditPageDto = z.object({ items: z.array(auditEventDto), total: z.number(), page: z.number(), pageSize: z.number() });
/** The hash chain walked from the first event: `ok`, or where it first breaks and why. */
export const auditVerificationDto = z.object({ ok: z.boolean(), count: z.number().int(), firstBrokenSeq: z.number().int().optional(), reason: z.string().optional() });
export type AuditVerification = z.infer<typeof auditVerificationDto>;
export const auditPeopleQuery = z.object({ q: z.string().trim().max(50).default('') });
export const auditPeopleDto = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })) });
