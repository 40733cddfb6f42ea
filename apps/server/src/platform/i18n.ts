import { z } from 'zod';
import { tradingMessages } from './i18n.trading.ts';
import { statisticsMessages } from './i18n.statistics.ts';
import { accountMessages } from './i18n.accounts.ts';
import { engageMessages } from './i18n.engage.ts';
import { importsMessages } from './i18n.imports.ts';
import { profileMessages } from './i18n.profiles.ts';
import { distributionMessages } from './i18n.distributions.ts';
import { policyMessages } from './i18n.policy.ts';
import { challengeMessages } from './i18n.challenges.ts';
import { challengeTaskMessages } from './i18n.challengeTasks.ts';
import { contractMessages } from './i18n.contracts.ts';

export type Lang = 'zh' | 'en';

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh';
}

type Messages = Record<string, { zh: string; en: string }>;

/** Every message a person may read from the API, in both languages. `{name}` placeholders are filled from params. */
export const messages = {
  'problem.validation': { zh: '提交的内容有误', en: 'The request is not valid' },
  'problem.validation.detail': { zh: '请按提示修改标出的字段后重试。', en: 'Correct the fields listed and try again.' },
  'problem.malformedJson': { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'problem.malformedJson.detail': { zh: '请检查请求体的 JSON 语法。', en: 'Check the JSON syntax of the request body.' },
  'problem.emptyBody': { zh: '请求内容为空', en: 'The request body is empty' },
  'problem.emptyBody.detail': { zh: '此接口需要 JSON 格式的请求体。', en: 'This endpoint needs a JSON body.' },
  'problem.unsupportedMediaType': { zh: '不支持的内容类型', en: 'Unsupported media type' },
  'problem.unsupportedMediaType.detail': { zh: '请以 application/json 提交。', en: 'Send the body as application/json.' },
  'problem.tooLarge': { zh: '请求内容过大', en: 'The request body is too large' },
  'problem.tooLarge.detail': { zh: '请求体不能超过 {limit}。', en: 'The request body may not exceed {limit}.' },
  'problem.notFound': { zh: '找不到该接口', en: 'No such endpoint' },
  'problem.notFound.detail': { zh: '{method} {url} 不存在，请查阅 /api/docs。', en: '{method} {url} does not exist; see /api/docs.' },
  'problem.methodNotAllowed': { zh: '不支持的请求方法', en: 'Method not allowed' },
  'problem.entityNotFound': { zh: '找不到该记录', en: 'Not found' },
  'problem.entityNotFound.detail': { zh: '{entity}不存在或您无权查看。', en: 'The {entity} does not exist or you may not see it.' },
  'problem.unauthorized': { zh: '请先登录', en: 'Sign-in required' },
  'problem.unauthorized.detail': { zh: '您尚未登录，或登录已过期，请重新登录。', en: 'You are not signed in, or your session has expired.' },
  'problem.forbidden': { zh: '没有权限', en: 'Forbidden' },
  'problem.forbidden.detail': { zh: '您没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  'problem.csrf': { zh: '请求来源校验失败', en: 'Cross-site request refused' },
  'problem.csrf.detail': { zh: '请刷新页面后重试（缺少或错误的 X-CSRF-Token）。', en: 'Reload the page and try again (missing or wrong X-CSRF-Token).' },
  'problem.conflict': { zh: '与已有数据冲突', en: 'Conflict' },
  'problem.badLogin': { zh: '账号或密码错误', en: 'Wrong login or password' },
  'problem.badLogin.detail': { zh: '账号或密码错误，请重新输入。', en: 'The login or password is wrong.' },
  'problem.throttled': { zh: '尝试次数过多', en: 'Too many attempts' },
  'problem.throttled.detail': { zh: '登录失败次数过多，请 {minutes} 分钟后再试。', en: 'Too many failed sign-ins; try again in {minutes} minutes.' },
  'problem.tooManyRequests': { zh: '请求过于频繁', en: 'Too many requests' },
  'problem.invalidState': { zh: '当前状态不允许此操作', en: 'Not allowed in the current state' },
  'problem.internal': { zh: '服务器内部错误', en: 'Internal server error' },
  'err.task.internal': { zh: '处理时发生系统错误，详情已记录；请稍后重试，或联系平台管理员。', en: 'A system error stopped the task; it has been recorded. Try again later or contact the platform administrator.' },
  'problem.internal.detail': { zh: '服务器处理请求时出错，请稍后重试。请求编号：{requestId}', en: 'The server failed to handle the request; try again later. Request id: {requestId}' },

  'err.required': { zh: '此项为必填项', en: 'This field is required' },
  'err.email': { zh: '邮箱格式不正确', en: 'Not a valid e-mail address' },
  'err.phone': { zh: '手机号格式不正确，应为 11 位中国大陆手机号', en: 'Not a valid mainland China mobile number (11 digits)' },
  'err.emailOrPhone': { zh: '请填写邮箱或手机号', en: 'Give an e-mail address or a phone number' },
  'err.password.short': { zh: '密码至少需要 8 个字符', en: 'The password needs at least 8 characters' },
  'err.password.long': { zh: '密码不能超过 128 个字符', en: 'The password may not exceed 128 characters' },
  'err.password.wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'err.creditCode.length': { zh: '统一社会信用代码应为 18 位', en: 'The unified social credit code has 18 characters' },
  'err.creditCode.charset': { zh: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）', en: 'The unified social credit code contains characters it may not (I, O, Z, S, V are not used)' },
  'err.creditCode.division': { zh: '统一社会信用代码第 3–8 位应为行政区划代码', en: 'Characters 3–8 of the credit code must be a division code' },
  'err.creditCode.checksum': { zh: '统一社会信用代码校验位不正确，请核对', en: 'The check character of the unified social credit code is wrong' },
  'err.creditCode.taken': { zh: '该统一社会信用代码已被登记', en: 'An organisation with this credit code is already registered' },
  'err.jurisdictionCode': { zh: '行政区划代码应为 6 位数字', en: 'A division code has 6 digits' },
  'err.jurisdiction.unknown': { zh: '行政区划不存在', en: 'No such jurisdiction' },
  'err.jurisdiction.exists': { zh: '该行政区划代码已存在', en: 'This jurisdiction code already exists' },
  'err.jurisdiction.parentLevel': { zh: '区县只能添加在地市之下', en: 'A county can only be added under a city' },
  'err.jurisdiction.codePrefix': { zh: '下级区划代码须以上级代码的前缀开头', en: 'The code must start with its parent’s prefix' },
  'err.reasonRequired': { zh: '退回、驳回或拒绝时必须填写原因', en: 'A reason is required when returning, rejecting or declining' },
  'err.pageSize': { zh: '每页最多 100 条', en: 'At most 100 per page' },
  'err.login.taken': { zh: '该账号已注册', en: 'This login is already registered' },
  'err.user.unknown': { zh: '找不到该账号', en: 'No account with this login' },
  'err.member.exists': { zh: '该用户已是本单位成员', en: 'This person is already a member' },
  'err.member.lastOwner': { zh: '不能移除单位的最后一位负责人', en: 'The last owner cannot be removed' },
  'err.invitation.pending': { zh: '已向该账号发出邀请，等待对方接受', en: 'An invitation to this login is already pending' },
  'err.organization.publicInstitutionAdmin': { zh: '字段 publicInstitution：单位已通过认证，是否事业单位须由辖区管理员修改', en: 'Field publicInstitution: the organisation is verified; only an administrator of its jurisdiction changes whether it is a public institution' },
  'err.organization.notPending': { zh: '只有待审核的单位可以审核', en: 'Only pending organisations can be reviewed' },
  'err.organization.notVerified': { zh: '单位尚未通过认证', en: 'The organisation is not verified' },
  'err.admin.exists': { zh: '该用户已是此区划的管理员', en: 'This person already administers this jurisdiction' },
  'err.profile.organization': { zh: '只能关联您所在的单位', en: 'You can only link an organisation you belong to' },
  'err.unknownField': { zh: '不接受的字段', en: 'Unknown field' },

  'err.record.state': { zh: '该记录当前状态不允许此操作', en: 'Not allowed in the record’s current state' },
  'err.record.organization': { zh: '您不是该单位的成员', en: 'You are not a member of this organisation' },
  'err.record.noOrganization': { zh: '请先加入或申请一个单位', en: 'Join or register an organisation first' },
  'err.record.organizationType': { zh: '该类型的单位不能发布此类信息', en: 'This kind of organisation cannot publish this' },
  'err.record.externalId': { zh: '该外部编号已存在', en: 'A record with this external id exists' },
  'err.access.organization': { zh: '需要以已认证单位的名义申请', en: 'Apply on behalf of a verified organisation' },
  'err.access.exists': { zh: '本单位已申请或已获授权', en: 'Your organisation has already asked or been granted access' },
  'err.money': { zh: '金额应为以“分”为单位的非负整数', en: 'Amounts are non-negative whole numbers of fen' },
  'err.date': { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' },
  'err.deadline.past': { zh: '截止日期不能早于今天', en: 'The deadline cannot be in the past' },
  'err.share.range': { zh: '份额应大于 0 且不超过 100', en: 'A share is above 0 and at most 100' },
  'err.share.decimals': { zh: '份额最多保留两位小数', en: 'Shares have at most two decimals' },
  'err.completer.notMember': { zh: '只能选择本单位在册成员的平台账号；其他完成人请只填写姓名与所属单位', en: 'Only an active member of the owning organisation can be named by account; name anyone else by name and organisation' },
  'err.share.sum': { zh: '完成人份额合计必须为 100%', en: 'The completers’ shares must add up to 100%' },
  'err.maturity': { zh: '成熟度应为 1–9 的整数', en: 'Maturity is a whole number from 1 to 9' },
  'err.budget.order': { zh: '预算下限不能高于上限', en: 'The minimum budget cannot exceed the maximum' },
  'err.demand.commonProblem': { zh: '共性技术难题只能由企业或政府部门发布', en: 'Common industry problems are posted by enterprises or government bodies' },
  'err.range.order': { zh: '范围下限不能高于上限', en: 'The lower bound cannot exceed the upper bound' },

  // ---- Excel/CSV import (modules/imports)
  'problem.import.file': { zh: '无法导入该文件', en: 'The file cannot be imported' },
  'problem.import.tooLarge': { zh: '文件过大', en: 'The file is too large' },
  'err.import.noFile': { zh: '请以 multipart/form-data 上传一个 .xlsx 或 .csv 文件（字段名 file）', en: 'Upload one .xlsx or .csv file as multipart/form-data (field "file")' },
  'err.import.extension': { zh: '只支持 .xlsx 或 .csv 文件，收到的是“{name}”', en: 'Only .xlsx and .csv files are accepted, not “{name}”' },
  'err.import.empty': { zh: '文件是空的', en: 'The file is empty' },
  'err.import.tooLarge': { zh: '文件不能超过 {limit}', en: 'The file may not exceed {limit}' },
  'err.import.mismatch': { zh: '文件内容与扩展名不符：文件名是 .{ext}，内容却是 {actual}', en: 'The file’s content does not match its extension: named .{ext} but contains {actual}' },
  'err.import.encoding': { zh: 'CSV 文件不是 UTF-8（或 GB18030）编码的文本，请在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”', en: 'The CSV file is not UTF-8 (or GB18030) text; save it as “CSV UTF-8” in Excel' },
  'err.import.xlsxBroken': { zh: '无法读取该 Excel 文件，文件可能已损坏或受密码保护', en: 'The Excel file cannot be read; it may be damaged or password-protected' },
  'err.import.sheet': { zh: '找不到名为“{sheet}”的工作表（文件中的工作表：{found}），请使用下载的模板填写', en: 'No sheet named “{sheet}” (the file has: {found}); fill in the downloaded template' },
  'err.import.header': { zh: '第 1 行缺少必填列：{columns}，请使用下载的模板，不要修改表头', en: 'Row 1 lacks the required columns: {columns}; use the downloaded template and keep its header' },
  'err.import.noRows': { zh: '文件中没有数据行', en: 'The file has no data rows' },
  'err.import.tooManyRows': { zh: '数据行过多：共 {rows} 行，每次最多导入 {max} 行，请拆分成多个文件', en: 'Too many rows: {rows}; at most {max} per import, split the file' },
  'err.import.state': { zh: '该导入已开始或已完成，不能再次执行', en: 'This import has already started or finished' },
  'err.import.nothing': { zh: '没有可导入的有效行', en: 'There are no valid rows to import' },
  'err.import.formula': { zh: '公式没有保存计算结果，请在 Excel 中重新计算并保存，或直接填写数值', en: 'The formula has no saved result; recalculate and save in Excel, or type the value' },
  'err.import.cellError': { zh: '单元格是错误值 {value}', en: 'The cell holds the error value {value}' },
  'err.import.number': { zh: '应填写数字', en: 'Must be a number' },
  'err.import.money': { zh: '金额应为不小于 0 的数字（单位：万元，最多 6 位小数），留空表示面议', en: 'An amount is a number ≥ 0 in 万元 (at most 6 decimals); leave empty for negotiable' },
  'err.import.choice': { zh: '无法识别“{value}”，可填：{options}', en: 'Unknown value “{value}”; one of: {options}' },
  'err.import.date': { zh: '日期应为 YYYY-MM-DD 格式或 Excel 日期', en: 'A date is YYYY-MM-DD or an Excel date' },
  'err.import.boolean': { zh: '应填写“是”或“否”', en: 'Must be 是 (yes) or 否 (no)' },
  'err.import.completers': { zh: '完成人应写作“姓名:份额”或“姓名(单位):份额”，多人以、分隔', en: 'Completers are “name:share” or “name(organisation):share”, separated by 、' },
  'err.import.ip': { zh: '知识产权应写作“编号:类型”或“编号:类型:状态”，多项以、分隔', en: 'IP items are “number:kind” or “number:kind:status”, separated by 、' },
  'err.import.duplicateInFile': { zh: '与第 {row} 行的{column}相同，本行不会导入', en: 'Same {column} as row {row}; this row will not be imported' },
  'entity.import': { zh: '导入任务', en: 'import' },

  // ---- attachments (modules/attachments) and demand lists 需求清单 (modules/demandLists)
  'err.attachment.missing': { zh: '请选择要上传的文件（字段名 file）', en: 'Choose a file to upload (field "file")' },
  'err.attachment.multipart': { zh: '请以 multipart/form-data 上传一个文件（字段名 file）。', en: 'Upload one file as multipart/form-data (field "file").' },
  'err.attachment.extension': { zh: '只接受 .pdf、.png、.jpg、.jpeg、.webp 文件', en: 'Only .pdf, .png, .jpg, .jpeg and .webp files are accepted' },
  'err.attachment.type': { zh: '文件内容不是 PDF、PNG、JPEG 或 WebP', en: 'The file is not a PDF, PNG, JPEG or WebP' },
  'err.attachment.mismatch': { zh: '文件内容与扩展名不符', en: 'The file’s content does not match its extension' },
  'err.attachment.tooLarge': { zh: '单个附件不能超过 {limit}，请压缩后重试。', en: 'An attachment may not exceed {limit}.' },
  'err.demandList.items': { zh: '清单中还没有需求，不能发布', en: 'The list has no demands yet' },
  'err.demandList.published': { zh: '清单已发布', en: 'The list is already published' },
  'err.demandList.item.notFound': { zh: '需求不存在', en: 'No such demand' },
  'err.demandList.item.notPublished': { zh: '需求尚未发布', en: 'The demand is not published' },
  'err.demandList.item.secret': { zh: '保密需求不能列入清单', en: 'Secret demands cannot be listed' },
  'err.demandList.item.outside': { zh: '需求不在本清单的辖区内', en: 'The demand lies outside the list’s jurisdiction' },
  'err.demandList.item.duplicate': { zh: '重复的需求', en: 'Listed twice' },
  'entity.attachment': { zh: '附件', en: 'attachment' },
  'entity.demandList': { zh: '需求清单', en: 'demand list' },

  // ---- matching 智能匹配 (modules/matching)
  'entity.match': { zh: '匹配', en: 'match' },
  'err.match.reasonCode': { zh: '请选择不相关的原因', en: 'Choose why it is not relevant' },
  'err.match.sourceOwner': { zh: '只有该记录所属单位的成员可以反馈匹配结果', en: 'Only members of the record’s organisation may give feedback on its matches' },
  'err.match.target': { zh: '被匹配的记录不存在或未发布', en: 'The matched record does not exist or is not published' },
  'err.match.unpublished': { zh: '记录尚未发布，发布后才能匹配', en: 'The record is not published; it is matched once published' },
  // ---- end matching

  // ---- pushes, subscriptions and outbox 定向推送 (modules/push)
  'err.subscription.criteria': { zh: '请至少填写一个关键词、行业或地区', en: 'Give at least one keyword, industry or region' },
  'err.subscription.keyword': { zh: '关键词不能为空，且不能超过 40 个字符', en: 'A keyword has 1 to 40 characters' },
  'err.subscription.duplicate': { zh: '同一项不能重复填写', en: 'An item is given twice' },
  'err.pushSettings.dailyLimit': { zh: '每日推送上限应为 1–100 的整数', en: 'The daily limit is a whole number from 1 to 100' },
  'err.unsubscribe.token': { zh: '退订链接无效或已失效', en: 'The unsubscribe link is not valid' },
  'err.outbox.sent': { zh: '该消息已发送，不能再更改状态', en: 'The message has been sent; its status cannot change' },
  'entity.subscription': { zh: '订阅', en: 'subscription' },
  'entity.outboxMessage': { zh: '待发消息', en: 'outbox message' },
  // ---- end push

  // ---- expert confirmation 专家论证, inquiries and batch matching (modules/matchReviews, modules/matchBatches)
  'problem.matchReview.experts': { zh: '无法邀请所选专家', en: 'The experts chosen cannot be invited' },
  'err.matchReview.notExpert': { zh: '该用户没有专家档案，不能邀请参与论证', en: 'This person has no expert profile and cannot be invited' },
  'err.matchReview.noneLeft': { zh: '所选专家均与成果方或需求方同单位，已全部回避，请另选专家', en: 'Every expert chosen belongs to one of the two parties and was left out; choose others' },
  'err.matchReview.notPublished': { zh: '成果和需求都已发布后才能发起专家论证', en: 'Both the achievement and the demand must be published' },
  'err.matchReview.submitted': { zh: '您已提交过论证意见，不能重复提交', en: 'You have already given your opinion' },
  'err.matchReview.declined': { zh: '您已谢绝本次论证', en: 'You declined this review' },
  'err.matchReview.closed': { zh: '本次论证已结束', en: 'This review is closed' },
  'matchReview.excluded.sameOrganization': { zh: '与成果方/需求方同单位，已回避', en: 'Belongs to one of the parties; left out' },
  'err.matchInquiry.notSecret': { zh: '该记录不是保密记录，可直接查看', en: 'This record is not secret; open it directly' },
  'err.matchInquiry.answered': { zh: '该咨询已答复', en: 'This inquiry has been answered' },
  'err.matchBatch.empty': { zh: '清单中还没有需求，无法批量匹配', en: 'The list has no demands to match' },
  'err.matchBatch.notDone': { zh: '批量匹配尚未完成，完成后才能导出', en: 'The batch has not finished; export it when it is done' },
  'entity.matchReview': { zh: '专家论证', en: 'expert review' },
  'entity.matchInquiry': { zh: '匹配咨询', en: 'match inquiry' },
  'entity.matchBatch': { zh: '批量匹配', en: 'batch match' },
  // ---- end matchReviews

  // ---- trading 交易 (modules/trading)
  'problem.bid.tooLow': { zh: '出价低于当前最低可出价', en: 'The bid is too low' },
  'err.bid.tooLow': { zh: '出价须不低于 {minimum}（当前价加加价幅度；首次出价不低于起拍价）', en: 'Bid at least {minimum} (the current price plus the increment; the start price for the first bid)' },
  'err.bid.chooseOrganization': { zh: '您属于多个认证单位，请选择以哪个单位出价', en: 'You belong to several verified organisations; choose the one you bid for' },
  'err.bid.closed': { zh: '该挂牌已结束，不能再出价', en: 'This listing is closed; no more bids' },
  'err.bid.deposit': { zh: '贵单位尚未缴纳（或未足额缴纳）竞价保证金，请联系转让方或管理员登记后再出价', en: 'Your organisation has no recorded deposit (or too small a one); ask the seller or an administrator to record it' },
  'err.bid.ended': { zh: '竞价已截止，不能再出价', en: 'Bidding has ended' },
  'err.bid.key': { zh: '请在 Idempotency-Key 请求头中提供 8–100 位的唯一编号（字母、数字、._:-），以免重复出价', en: 'Send a unique Idempotency-Key header of 8–100 letters, digits or ._:- so a retried bid is not placed twice' },
  'err.bid.keyReused': { zh: '该 Idempotency-Key 已用于另一金额的出价，请换一个新的编号', en: 'This Idempotency-Key was used for a bid of another amount; use a new one' },
  'err.bid.noOrganization': { zh: '出价须以认证单位的名义，请先加入或登记单位', en: 'Bids are made for a verified organisation; join or register one first' },
  'err.bid.notAuction': { zh: '该挂牌不是竞价拍卖', en: 'This listing is not an auction' },
  'err.bid.notMember': { zh: '您不是该单位的成员', en: 'You are not a member of this organisation' },
  'err.bid.notStarted': { zh: '竞价尚未开始', en: 'Bidding has not started' },
  'err.bid.owner': { zh: '转让方（及其受托机构）不能参与本项目竞价', en: 'The seller (and its agent) may not bid' },
  'err.bid.unverified': { zh: '贵单位尚未通过认证，认证通过后方可出价', en: 'Your organisation is not verified yet; it may bid once verified' },
  'err.bp': { zh: '比例以万分之一为单位，应为 0–10000 的整数', en: 'Rates are basis points: a whole number from 0 to 10,000' },
  'err.datetime': { zh: '时间格式不正确，应为带时区的 ISO 8601（如 2026-12-01T10:00:00+08:00）', en: 'Not an ISO 8601 date-time with an offset' },
  'err.deal.signedOnFuture': { zh: '签订日期不能晚于今天', en: 'The signing date cannot be after today' },
  'err.deal.confirm.state': { zh: '该成交已确认或已结束', en: 'This deal is confirmed or closed already' },
  'err.deal.sign.state': { zh: '双方均确认后方可登记签约，已签约或已结束的成交不能再签', en: 'Both parties must confirm first; a signed or closed deal cannot be signed again' },
  'err.deal.recordPayment.state': { zh: '签约后方可登记收款', en: 'Payments are recorded once the deal is signed' },
  'err.deal.reportRevenue.state': { zh: '签约后方可报告销售收入', en: 'Revenue is reported once the deal is signed' },
  'err.deal.complete.state': { zh: '该成交尚未签约，或已结束', en: 'This deal is not signed, or already closed' },
  'err.deal.cancel.state': { zh: '已完成或已取消的成交不能取消', en: 'A completed or cancelled deal cannot be cancelled' },
  'err.deposit.seller': { zh: '转让方（及其受托机构）不需要也不能缴纳保证金', en: 'The seller (and its agent) pays no deposit' },
  'err.deposit.short': { zh: '保证金不能低于 {deposit}', en: 'The deposit is at least {deposit}' },
  'err.deposit.state': { zh: '竞价结束后不能再登记保证金', en: 'Deposits cannot be recorded after bidding has ended' },
  'err.deposit.unknownOrganization': { zh: '单位不存在', en: 'No such organisation' },
  'err.deposit.unverified': { zh: '该单位尚未通过认证，不能参与竞价', en: 'This organisation is not verified and may not bid' },
  'err.entrustment.agent': { zh: '请指定受托的技术转移机构或技术经纪人（二选一）', en: 'Name the agency or the broker (one of the two)' },
  'err.entrustment.notAgency': { zh: '受托单位须为技术转移服务机构', en: 'The agent must be a technology transfer agency' },
  'err.entrustment.notBroker': { zh: '该用户没有技术经纪人档案', en: 'This person has no broker profile' },
  'err.entrustment.unknownOrganization': { zh: '受托单位不存在', en: 'No such agency' },
  'err.entrustment.unknownUser': { zh: '受托用户不存在', en: 'No such person' },
  'err.entrustment.unverified': { zh: '受托机构尚未通过认证', en: 'The agency is not verified' },
  'err.listing.active': { zh: '该成果已有待审核或进行中的挂牌，请先撤牌或等待其结束', en: 'This achievement already has a pending or open listing' },
  'err.listing.agentMember': { zh: '您不是该受托机构的成员', en: 'You are not a member of this agency' },
  'err.listing.auctionPast': { zh: '竞价结束时间须在 1 分钟之后，请调整竞价时间', en: 'Bidding must end at least a minute from now; adjust its times' },
  'err.listing.auctionTerms': { zh: '竞价拍卖须填写起拍价、加价幅度、保证金和竞价时间', en: 'An auction needs a start price, increment, deposit and bidding times' },
  'err.listing.auctionWindow': { zh: '竞价时长至少 1 分钟', en: 'Bidding lasts at least a minute' },
  'err.listing.buyer': { zh: '协议定价须指定已协商一致的受让方', en: 'A negotiated price names the buyer it was agreed with' },
  'err.listing.buyerSelf': { zh: '受让方不能是成果所属单位本身', en: 'The buyer cannot be the owner itself' },
  'err.listing.demandUnknown': { zh: '没有找到这项技术需求，或您无权查看', en: 'No such technology demand, or you may not see it' },
  'err.listing.demandNotPublished': { zh: '只能响应已发布的技术需求', en: 'Only a published technology demand can be answered' },
  'err.listing.demandOtherBuyer': { zh: '协议定价的受让方须是发布该需求的单位', en: 'A negotiated price must be agreed with the organisation that posted the demand' },
  'err.listing.buyerUnknown': { zh: '受让方单位不存在', en: 'No such buyer organisation' },
  'err.listing.buyerUnverified': { zh: '受让方单位尚未通过认证', en: 'The buyer organisation is not verified' },
  'err.listing.hasBids': { zh: '竞价已有出价，不能撤牌', en: 'The auction has bids and cannot be withdrawn' },
  'err.listing.licenceTerms': { zh: '许可交易须填写许可类型、地域、期限和实施领域', en: 'A licence needs its kind, territory, term and field of use' },
  'err.listing.notEntrusted': { zh: '该机构未获得此成果的交易委托', en: 'This agency holds no entrustment for the achievement' },
  'err.listing.notPending': { zh: '该挂牌不在待审核状态', en: 'This listing is not awaiting review' },
  'err.listing.notPublished': { zh: '成果发布后才能挂牌交易', en: 'An achievement is listed once it is published' },
  'err.listing.notWithdrawable': { zh: '当前状态不能撤牌', en: 'This listing cannot be withdrawn now' },
  'err.listing.payLater': { zh: '先使用后付费须选择“入门费＋分期＋提成”或“延期支付”', en: 'Use first, pay later takes staged payments with a royalty, or deferred payment' },
  'err.listing.payLaterEntry': { zh: '先使用后付费的入门费应为零', en: 'Use first, pay later has no entry fee' },
  'err.listing.price': { zh: '请填写价格（以“分”为单位）', en: 'Give the price (in fen)' },
  'err.listing.reserveBelowStart': { zh: '保留价不能低于起拍价', en: 'The reserve cannot be below the start price' },
  'err.listing.royaltyLicence': { zh: '销售提成只适用于许可交易', en: 'Royalties apply to licences only' },
  'err.listing.secret': { zh: '保密成果不能公开挂牌，请先调整保密等级', en: 'A secret achievement cannot be listed publicly' },
  'err.money.positive': { zh: '金额须在 0.01 元至 10 万亿元之间（以“分”为单位的大于零的整数）', en: 'The amount lies between 0.01 yuan and 10 trillion yuan (whole fen above zero)' },
  'err.objection.party': { zh: '交易双方不能对本次协议定价提出异议', en: 'The parties may not object to their own agreed price' },
  'err.objection.admin': { zh: '辖区管理员负责处理异议，不能自己提出异议', en: 'The administrators who resolve objections do not lodge them' },
  'err.objection.closed': { zh: '仅可在公示期内对协议定价提出异议（交易双方除外）', en: 'Objections are lodged during the notice period, by anyone but the parties' },
  'err.objection.resolve': { zh: '只有辖区管理员可以处理异议', en: 'Only the jurisdiction’s administrators resolve objections' },
  'err.objection.resolved': { zh: '该异议已处理', en: 'This objection is resolved already' },
  'err.offer.chooseOrganization': { zh: '请选择以哪个认证单位受让', en: 'Choose the verified organisation that buys' },
  'err.offer.closed': { zh: '该挂牌当前不接受报价', en: 'This listing takes no offers now' },
  'err.offer.decided': { zh: '该报价已处理', en: 'This offer is decided already' },
  'err.offer.fixedPrice': { zh: '本项目按挂牌价 {price} 成交，不接受其他报价', en: 'This listing sells at its price of {price}' },
  'err.offer.owner': { zh: '转让方不能受让自己的成果', en: 'The seller cannot buy its own achievement' },
  'err.offer.pending': { zh: '贵单位已有一项待处理的报价', en: 'Your organisation has an offer pending already' },
  'err.offer.unverified': { zh: '贵单位尚未通过认证，认证后方可受让', en: 'Your organisation must be verified to buy' },
  'err.payment.paid': { zh: '该笔款项已登记收讫', en: 'This payment is recorded already' },
  'err.payment.shares': { zh: '入门费与各期比例之和应为 100%（10000 个万分点）', en: 'The entry fee and instalments add up to 100% (10,000 basis points)' },
  'err.payment.short': { zh: '登记金额不能少于应付金额 {due}', en: 'The amount is at least the {due} due' },
  'err.period': { zh: '期间格式为年份（如 2027）或季度（如 2027Q1）', en: 'A period is a year (2027) or a quarter (2027Q1)' },
  'err.revenue.notEnded': { zh: '该期间尚未结束，期满后再报告', en: 'Report a period once it has ended' },
  'err.revenue.outsideTerm': { zh: '该期间不在许可期限内', en: 'This period lies outside the licence term' },
  'err.revenue.reported': { zh: '该期间的销售收入已报告', en: 'This period was reported already' },
  'entity.job': { zh: '后台任务', en: 'background job' },
  'operations.jobNotFailed': { zh: '只有执行失败的任务可以重新执行。', en: 'Only a failed job can be run again.' },
  'entity.listing': { zh: '挂牌项目', en: 'listing' },
  'entity.deal': { zh: '成交', en: 'deal' },
  'entity.entrustment': { zh: '交易委托', en: 'entrustment' },
  'entity.objection': { zh: '异议', en: 'objection' },
  'entity.offer': { zh: '报价', en: 'offer' },
  'entity.payment': { zh: '款项', en: 'payment' },
  // ---- end trading
  'entity.organization': { zh: '单位', en: 'organisation' },
  'entity.achievement': { zh: '科技成果', en: 'achievement' },
  'entity.demand': { zh: '技术需求', en: 'demand' },
  'entity.accessRequest': { zh: '查看申请', en: 'access request' },
  'entity.notification': { zh: '通知', en: 'notification' },
  'entity.user': { zh: '用户', en: 'user' },
  'entity.jurisdiction': { zh: '行政区划', en: 'jurisdiction' },
  'entity.invitation': { zh: '邀请', en: 'invitation' },
  'entity.member': { zh: '成员', en: 'member' },
  'entity.profile': { zh: '个人档案', en: 'profile' },
  'entity.announcement': { zh: '通知公告', en: 'announcement' },
  'err.announcement.jurisdiction': { zh: '只能为您管理的辖区发布公告', en: 'You can post notices only for jurisdictions you administer' },
  'err.announcement.jurisdictionRequired': { zh: '请选择公告所属的辖区（全平台公告由平台管理员发布）', en: 'Choose the jurisdiction of the notice (platform-wide notices are posted by platform administrators)' },
  ...tradingMessages,
  ...statisticsMessages,
  ...accountMessages,
  ...engageMessages,
  ...importsMessages,
  ...profileMessages,
  ...distributionMessages,
  ...policyMessages,
  ...challengeMessages,
  ...challengeTaskMessages,
  ...contractMessages,
} satisfies Messages;

export type MessageKey = keyof typeof messages;

export function t(key: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const entry = (messages as Messages)[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return String(v).startsWith('entity.') ? t(String(v), lang) : String(v);
  });
}

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

type Issue = z.core.$ZodIssue & { input?: unknown };

const zhTypes: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '布尔值', array: '数组', object: '对象', date: '日期',
};

/** A zod issue as a sentence in the caller's language. */
export function issueMessage(issue: Issue, lang: Lang): string {
  if (issue.message?.startsWith('err.')) return t(issue.message, lang);
  const zh = lang === 'zh';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return t('err.required', lang);
      return zh ? `类型错误：应为${zhTypes[issue.expected] ?? issue.expected}` : `Wrong type: expected ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return zh ? `至少需要 ${issue.minimum} 个字符` : `At least ${issue.minimum} characters`;
      if (issue.origin === 'array') return zh ? `至少需要 ${issue.minimum} 项` : `At least ${issue.minimum} items`;
      return zh ? `不能小于 ${issue.minimum}` : `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return zh ? `不能超过 ${issue.maximum} 个字符` : `At most ${issue.maximum} characters`;
      if (issue.origin === 'array') return zh ? `不能超过 ${issue.maximum} 项` : `At most ${issue.maximum} items`;
      return zh ? `不能大于 ${issue.maximum}` : `Must be at most ${issue.maximum}`;
    case 'invalid_value':
      return zh
        ? `取值无效，可选值：${issue.values.map(String).join('、')}`
        : `Invalid value; one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'email') return t('err.email', lang);
      if (issue.format === 'uuid') return zh ? '编号格式不正确' : 'Not a valid id';
      if (issue.format === 'datetime') return zh ? '时间格式不正确，应为 ISO 8601（如 2026-01-01T00:00:00+08:00）' : 'Not an ISO 8601 date-time';
      if (issue.format === 'regex') return zh ? '格式不正确' : 'Wrong format';
      break;
    case 'unrecognized_keys':
      return t('err.unknownField', lang) + `: ${issue.keys.join(', ')}`;
  }
  return (lang === 'zh' ? zhLocale : enLocale)(issue as never) as string;
}
