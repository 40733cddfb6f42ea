/** Messages of the import limits, verified-only uploads, storage quotas and the business licence (issues 11 and 12; spread into `messages`). */
export const importsMessages = {
  'problem.import.busy': { zh: '导入繁忙', en: 'Imports are busy' },
  'err.import.busy': { zh: '当前有较多文件正在读取，请稍后再试', en: 'Many files are being read right now; try again shortly' },
  'err.import.tooWide': { zh: '表格超出了模板的列数：单元格 {cell} 有内容，导入文件最多 {max} 列（模板的列之外最多 5 列备注），请删除多余的列后重试', en: 'The sheet is wider than the template: cell {cell} has content, and an import has at most {max} columns; delete the extra columns' },
  'err.import.zipEntries': { zh: 'Excel 文件内部的条目过多（最多 {max} 个），请使用下载的模板填写', en: 'The Excel file holds too many parts (at most {max}); fill in the downloaded template' },
  'err.import.unzippedTooLarge': { zh: 'Excel 文件解压后超过 {max}，已拒绝（可能是压缩炸弹）；请只保留模板中的工作表后重试', en: 'The Excel file unpacks to more than {max} and was refused (a zip bomb?); keep only the template’s sheets' },
  'err.import.tooComplex': { zh: '表格过于复杂：单元格（含合并单元格、数据验证的范围）超过 {max} 个，请只保留模板中的数据后重试', en: 'The workbook is too complex: more than {max} cells (merged and validated ranges included); keep only the template’s data' },
  'err.import.tooHeavy': { zh: '读取该文件所需内存超过 {mb} MB，已停止；请拆分文件或另存为 CSV 后重试', en: 'Reading this file needs more than {mb} MB of memory and was stopped; split it or save it as CSV' },
  'err.import.timeout': { zh: '读取该文件超过 {seconds} 秒仍未完成，已停止；请拆分文件或另存为 CSV 后重试', en: 'Reading this file took more than {seconds} seconds and was stopped; split it or save it as CSV' },
  'err.import.rowsOver': { zh: '数据行过多：每次最多导入 {max} 行，本文件超过了这个数，请拆分成多个文件', en: 'Too many rows: at most {max} per import and this file has more; split it' },
  'err.import.expired': { zh: '预检文件已超过保留期限（7 天）被清理，请重新上传文件预检', en: 'The checked file was kept for 7 days and has been removed; upload it again' },
  'problem.organization.unverified': { zh: '单位尚未通过认证', en: 'The organisation is not verified' },
  'err.organization.unverifiedUpload': { zh: '「{name}」尚未通过单位认证：认证通过后才能上传附件或批量导入', en: '“{name}” is not verified yet: attachments and imports are open once it is' },
  'problem.storage.quota': { zh: '存储空间不足', en: 'Storage quota exceeded' },
  'err.storage.quota': { zh: '本单位已用存储 {used}，上限 {limit}，本文件 {size}，超出配额；请删除不再需要的附件后再上传', en: 'Your organisation uses {used} of {limit}; this file ({size}) does not fit; delete attachments you no longer need' },
  'err.organization.licenceMissing': { zh: '请先上传营业执照（PDF 或图片），再提交或审核单位认证', en: 'Upload the business licence (PDF or image) before the verification is submitted or reviewed' },
  'entity.licence': { zh: '营业执照', en: 'business licence' },
};
