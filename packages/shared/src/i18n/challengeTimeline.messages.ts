/**
 * The wording of a challenge's timeline entries (`ch.tl.<kind>`), filled with
 * `timelineParams` (challengeTimeline.ts): one dictionary for the server (the
 * `text` of each entry, in the reader's language) and the web (which words an
 * entry itself, so it follows a language switch). Kept under `src/i18n/` with
 * the `messages.ts` ending so the web build splits it by language like its own.
 */
export const challengeTimelineMessages = {
  'ch.tl.posted': { zh: '{poser}发榜，提交{jurisdiction}审核', en: '{poser} posted the challenge for review by {jurisdiction}' },
  'ch.tl.published': { zh: '{jurisdiction}审核通过，榜单发布，揭榜截止 {deadline}', en: 'Approved by {jurisdiction} and published; bids close {deadline}' },
  'ch.tl.rejected': { zh: '审核未通过：{reason}', en: 'Not approved: {reason}' },
  'ch.tl.bid': { zh: '{organization}提交揭榜方案', en: '{organization} submitted a bid' },
  'ch.tl.panel': { zh: '组建专家组（{count} 人）', en: 'Expert panel formed ({count} experts)' },
  'ch.tl.panelReplaced': { zh: '专家组成员更换：{expert} 由 {replacement} 接替（{reason}）', en: 'Panel member replaced: {replacement} takes over from {expert} ({reason})' },
  'ch.tl.awarded': { zh: '拟中标公示：{winners}，公示至 {until}', en: 'Proposed award on notice: {winners}; notice until {until}' },
  'ch.tl.awardFinal': { zh: '公示期满，中标结果确定：{winners}', en: 'Notice period over; the award is final: {winners}' },
  'ch.tl.objection': { zh: '收到一份公示异议，待管理员处理', en: 'An objection to the award was lodged; administrators will decide it' },
  'ch.tl.awardWithdrawn': { zh: '异议成立，拟中标结果撤回，重新评定：{reason}', en: 'Objection upheld; the proposed award is withdrawn for a new decision: {reason}' },
  'ch.tl.objectionDismissed': { zh: '异议未予支持：{reason}', en: 'Objection dismissed: {reason}' },
  'ch.tl.agreementSigned': { zh: '{organization}签署{agreement}', en: '{organization} signed the {agreement}' },
  'ch.tl.milestoneReported': { zh: '{organization}提交第 {n} 个里程碑「{title}」', en: '{organization} reported milestone {n}, “{title}”' },
  'ch.tl.milestoneAccepted': { zh: '{organization}第 {n} 个里程碑「{title}」通过验收', en: 'Milestone {n} of {organization}, “{title}”, accepted' },
  'ch.tl.milestoneReturned': { zh: '{organization}第 {n} 个里程碑被退回：{reason}', en: 'Milestone {n} of {organization} returned: {reason}' },
  'ch.tl.accepted': { zh: '{organization}全部里程碑通过验收', en: 'All milestones of {organization} accepted' },
  'ch.tl.completed': { zh: '榜单完成', en: 'Challenge completed' },
  'ch.tl.stageGate': { zh: '赛马阶段评审：保留{kept}，终止{ended}（{reason}）', en: 'Racing stage gate: {kept} kept, {ended} ended ({reason})' },
  'ch.tl.terminated': { zh: '榜单终止：{reason}', en: 'Challenge terminated: {reason}' },
  'ch.tl.bountyPaid': { zh: '{payer}记录向{payee}支付悬赏金 {amountFen}（{paidOn}，累计 {totalFen} / {budgetFen}）', en: '{payer} recorded a bounty payment of {amountFen} to {payee} ({paidOn}; {totalFen} of {budgetFen} so far)' },
  'ch.tl.taskAdded': { zh: '发布众包任务「{title}」，每份报酬 {rewardFen}，共 {quota} 份', en: 'Task “{title}” added: {rewardFen} each, {quota} place(s)' },
  'ch.tl.taskSubmitted': { zh: '{organization}提交众包任务「{title}」的成果', en: '{organization} submitted work for task “{title}”' },
  'ch.tl.taskAccepted': { zh: '{organization}的众包任务「{title}」成果通过验收，报酬 {rewardFen} 已支付', en: 'Work of {organization} on task “{title}” accepted; {rewardFen} paid' },
  'ch.tl.taskReturned': { zh: '{organization}的众包任务「{title}」成果被退回：{reason}', en: 'Work of {organization} on task “{title}” returned: {reason}' },
  'ch.tl.agreement.pledge': { zh: '军令状', en: 'pledge (军令状)' },
  'ch.tl.agreement.task': { zh: '揭榜任务协议', en: 'task agreement' },
} as const;
