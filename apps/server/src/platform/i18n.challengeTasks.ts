/** Messages of 研发众包 tasks (challenges module), spread into `messages`. */
export const challengeTaskMessages = {
  'err.challenge.tasksCrowdOnly': { zh: '只有研发众包榜单可以设置众包任务', en: 'Only crowdsourcing challenges have tasks' },
  'err.challenge.tasksClosed': { zh: '榜单已截止或不在审核中、发布中，不能再新增任务', en: 'The challenge is past its deadline or no longer in review or open; no task can be added' },
  'err.challenge.taskRewardsOverBounty': { zh: '任务奖励合计 {total}（奖励 × 名额）超过榜单金额 {bounty}，请降低奖励或名额', en: 'The task rewards add up to {total} (reward × places), more than the bounty {bounty}; lower a reward or the places' },
  'err.challenge.taskDeadlinePast': { zh: '任务截止时间必须晚于当前时间', en: 'The task deadline must lie in the future' },
  'err.challenge.taskDeadlineLate': { zh: '任务截止时间不能晚于榜单截止时间 {deadline}', en: 'The task deadline cannot be later than the challenge deadline {deadline}' },
  'err.challenge.taskClosed': { zh: '该任务已于 {deadline} 截止，不再接受成果', en: 'The task closed at {deadline}; no more work is taken' },
  'err.challenge.taskFull': { zh: '该任务的验收名额已满', en: 'The task has accepted as many submissions as it pays for' },
  'err.challenge.ownSubmission': { zh: '发榜单位不能向自己的众包任务提交成果', en: 'The posting organisation cannot submit to its own tasks' },
  'err.challenge.submissionOrganization': { zh: '须以您所在的已认证单位名义提交成果', en: 'Submit for a verified organisation you belong to' },
  'err.challenge.submissionExists': { zh: '该单位已向此任务提交成果（待验收或已验收）；被退回后可重新提交', en: 'This organisation has a submission to the task pending or accepted; submit again once it is returned' },
  'err.challenge.submissionAccepted': { zh: '该成果已验收，奖励已记录支付', en: 'This submission is accepted already and its reward recorded as paid' },
  'err.challenge.submissionReturned': { zh: '该成果已被退回，不能再验收或退回', en: 'This submission was returned; it cannot be decided again' },
  'err.challenge.paidOnFuture': { zh: '支付日期不能晚于今天', en: 'The payment date cannot be later than today' },
  'entity.challengeTask': { zh: '众包任务', en: 'crowdsourcing task' },
  'entity.challengeTaskSubmission': { zh: '众包成果', en: 'crowdsourcing submission' },
} as const;
