/** Messages of the statistics module (spread into `messages`). */
export const statisticsMessages = {
  'err.stats.fromAfterTo': { zh: '开始日期不能晚于结束日期', en: 'The start date cannot be after the end date' },
  'err.stats.tooManyMonths': { zh: '按月统计的期间最长 {max} 个月，请缩短期间或改为按年统计', en: 'A period by month spans at most {max} months: shorten it or group by year' },
  'err.stats.compareTooLong': { zh: '同比只适用于一年以内的期间，请缩短期间', en: 'A year-on-year comparison needs a period of a year at most: shorten it' },
  'err.stats.tooManyYears': { zh: '按年统计的期间最长 {max} 年，请缩短期间', en: 'A period by year spans at most {max} years: shorten it' },
  'err.stats.unknownJurisdiction': { zh: '没有代码为 {code} 的行政区划', en: 'There is no jurisdiction with code {code}' },
  'err.target.number': { zh: '目标值应为数字', en: 'A target is a number' },
  'err.target.wholeFen': { zh: '金额目标以“分”为单位，应为整数（即最多两位小数的元）', en: 'A money target is whole fen (yuan with at most two decimals)' },
  'err.target.wholeCount': { zh: '数量目标应为整数', en: 'A count target is a whole number' },
  'err.target.rateAboveOne': { zh: '比例目标不能超过 100%（以 0 至 1 的小数表示，如 0.5 即 50%）', en: 'A share cannot exceed 100% (a fraction 0–1, e.g. 0.5 for 50%)' },
  'err.target.negative': { zh: '目标值不能为负数', en: 'A target cannot be negative' },
};
