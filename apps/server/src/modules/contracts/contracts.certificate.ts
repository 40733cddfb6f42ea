import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { CONTRACT_KIND_LABELS, CONTRACT_STATUS_LABELS, CONTRACT_SUBKIND_LABELS, ENTITY_TYPE_LABELS, INDUSTRY_SECTIONS, type ContractDto } from '@kzt/shared';
import { AppError } from '../../platform/errors.ts';

/**
 * 技术合同认定登记证明 as a PDF (pdfkit). Chinese needs a CJK font: Debian's
 * fonts-wqy-zenhei (`/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc`), or the
 * file named by `KZT_CJK_FONT`; looked up when a certificate is asked for, read
 * once and kept. Without it the request is refused with a message naming the
 * package to install (503), never a PDF of empty boxes.
 */

const DEFAULT_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
/** The face of the collection (a .ttc holds several), by its PostScript name. */
const FONT_FAMILY = 'WenQuanYiZenHei';

let cached: { path: string; data: Buffer; family?: string } | undefined;

function cjkFont(): { data: Buffer; family?: string } {
  const path = process.env.KZT_CJK_FONT || DEFAULT_FONT;
  if (cached?.path === path) return cached;
  let data: Buffer;
  try {
    data = fs.readFileSync(path);
  } catch {
    throw new AppError(503, 'font-missing', 'problem.certificate.font', 'err.certificate.font', { path });
  }
  cached = { path, data, family: path.endsWith('.ttc') ? FONT_FAMILY : undefined };
  return cached;
}

/** An exact amount: yuan to the fen (never rounded), and in 万元. */
const money = (fen: number | null) => {
  if (fen === null) return '—';
  const yuan = (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${yuan} 元（${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 6 })} 万元）`;
};

/** The certificate of a registered (or since terminated) contract, with the link that verifies its number. */
export function certificatePdf(c: ContractDto, verifyUrl: string): Promise<Buffer> {
  const font = cjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `技术合同认定登记证明 ${c.registrationNumber}`, Subject: verifyUrl, Keywords: c.registrationNumber ?? '', Creator: '科转通', Producer: '科转通' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('cjk', font.data, font.family);
  doc.font('cjk');
  const red = '#b71c1c';
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  doc.lineWidth(2).strokeColor(red).rect(left - 16, 40, width + 32, doc.page.height - 80).stroke();

  doc.moveDown(1.5).fillColor(red).fontSize(24).text('技术合同认定登记证明', { align: 'center', characterSpacing: 4 });
  doc.moveDown(0.5).fillColor('#000').fontSize(12).text(`登记号：${c.registrationNumber}`, { align: 'center' });
  doc.moveDown(1.5);

  const kind = `${CONTRACT_KIND_LABELS[c.kind].zh}${c.subkind ? ` · ${CONTRACT_SUBKIND_LABELS[c.subkind]?.zh ?? c.subkind}` : ''}`;
  const party = (p: ContractDto['seller']) => `${p.name}（${ENTITY_TYPE_LABELS[p.entityType as keyof typeof ENTITY_TYPE_LABELS]?.zh ?? p.entityType}，地区代码 ${p.region}${p.creditCode ? `，统一社会信用代码 ${p.creditCode}` : ''}）`;
  const rows: [string, string][] = [
    ['合同名称', c.title],
    ...(c.contractNo ? ([['合同编号', c.contractNo]] as [string, string][]) : []),
    ['合同类别', kind],
    ...(c.industry ? ([['所属行业', `${c.industry} ${INDUSTRY_SECTIONS[c.industry as keyof typeof INDUSTRY_SECTIONS]?.zh ?? ''}`.trim()]] as [string, string][]) : []),
    ['卖方（技术提供方）', party(c.seller)],
    ['买方（技术接受方）', party(c.buyer)],
    ['签订日期', c.signedOn],
    ['合同金额', money(c.effective.contractAmount)],
    ['认定技术交易额', money(c.effective.certifiedAmount)],
    ['登记日期', c.registeredOn ?? ''],
    ['登记机构', c.point?.name ?? ''],
    ...(c.status === 'terminated' ? ([['状态', `${CONTRACT_STATUS_LABELS.terminated.zh}（${c.terminatedOn}）`]] as [string, string][]) : []),
  ];
  const labelWidth = 130;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.fontSize(11).fillColor('#555').text(label, left, y, { width: labelWidth });
    doc.fillColor('#000').text(value, left + labelWidth, y, { width: width - labelWidth });
    const bottom = Math.max(doc.y, y + 16) + 6;
    doc.lineWidth(0.5).strokeColor('#dddddd').moveTo(left, bottom - 3).lineTo(left + width, bottom - 3).stroke();
    doc.y = bottom;
  }

  doc.moveDown(2).fontSize(10).fillColor('#000').text('本证明的真实性可通过以下链接核验（核验页显示合同类别、登记日期、登记机构与认定技术交易额）：', left, doc.y, { width });
  doc.moveDown(0.3).fillColor('#0b57d0').text(verifyUrl, { width, link: verifyUrl, underline: true });

  // The issuing point and date, at the foot of the page on the right (where the point's seal goes).
  const footY = Math.max(doc.y + 40, doc.page.height - 200);
  doc.fillColor('#000').fontSize(12);
  doc.text(`登记机构：${c.point?.name ?? ''}（盖章）`, left, footY, { width, align: 'right' });
  doc.moveDown(0.6).text(`登记日期：${c.registeredOn ?? ''}`, left, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
