/** Messages of the statistics module (spread into `messages`). */
export const statisticsMessages = {
  'err.stats.fromAfterTo': { zh: '开始日期不能晚于结束日期', en: 'The start date cannot be after the end date' },
  'err.stats.unknownJurisdiction': { zh: '没有代码为 {code} 的行政区划', en: 'There is no jurisdiction with code {code}' },
  'err.target.number': { zh: '目标值应为数字', en: 'A target is a number' },
  'err.target.negative': { zh: '目标值不能为负数', en: 'A target cannot be negative' },
};
