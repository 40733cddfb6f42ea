import { shanghaiToday } from '@kzt/shared';
import { addTitledSheet, newWorkbook } from '../../platform/workbook.ts';
import type { BatchResultRow, BatchRow, ListHead } from './matchBatches.repository.ts';

export const BATCH_EXPORT_COLUMNS = [
  { header: '需求', width: 40 },
  { header: '排名', width: 6 },
  { header: '成果', width: 40 },
  { header: '单位', width: 28 },
  { header: '匹配度', width: 8 },
  { header: '匹配理由', width: 60 },
] as const;

/** The rows of one demand: one per match, or one saying none was found. */
export function batchRows(r: Pick<BatchResultRow, 'title' | 'matches'>): (string | number)[][] {
  if (!r.matches.length) return [[r.title, '', '（未找到匹配的成果）', '', '', '']];
  return r.matches.map((m, i) => [r.title, i + 1, m.title, m.organization, m.score, m.reasons.map((x) => x.text).join('；')]);
}

/** The workbook of a batch: a title row, a line about it, the header, one row per demand and match. */
export function batchWorkbook(list: ListHead, batch: BatchRow, results: BatchResultRow[]) {
  const wb = newWorkbook();
  addTitledSheet(
    wb,
    '匹配结果',
    { title: `${list.title} · 批量匹配结果`, about: `${list.jurisdictionName} · 共 ${results.length} 项需求 · 每项前 ${batch.top} 个匹配成果 · 导出日期 ${shanghaiToday()}` },
    BATCH_EXPORT_COLUMNS,
    results.flatMap(batchRows),
  );
  return wb;
}
