import { formatFenReadable, policyDocumentTitle, requiredDocumentsOf, type BudgetLineName, type PolicyRule } from '@kzt/shared';
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';

const pct = (bp: number) => `${bp / 100}%`;
const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
const LEVELS = ['provincial', 'national'] as const;
const FLAGS = ['earlyStage', 'creditRated'] as const;
const among = <T extends string>(list: readonly T[], k: string): k is T => (list as readonly string[]).includes(k);

/** The rules of one pack version, each with its terms and the sentence it quotes. */
export function RuleList({ rules, budgetLines = {}, quotesSimplified = {} }: { rules: PolicyRule[]; budgetLines?: Record<string, BudgetLineName>; quotesSimplified?: Record<string, string> }) {
  const { t, lang } = useI18n();
  // A grade, a level or a firm's flag as officials read it (the rule keeps the code).
  const label = (k: string) => (among(GRADES, k) ? t(`pol.grade.${k}`) : among(LEVELS, k) ? t(`pol.rec.level.${k}`) : among(FLAGS, k) ? t(`pol.rec.${k}`) : k);
  if (rules.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      itemLayout="vertical"
      dataSource={rules}
      renderItem={(r) => (
        <List.Item key={r.id} data-testid={`rule-${r.id}`}>
          <Space wrap size={[6, 6]} style={{ marginBottom: 6 }}>
            <Typography.Text strong>{r.title}</Typography.Text>
            <Tag color={r.kind === 'subsidy' ? 'green' : r.kind === 'income_floor' ? 'purple' : 'default'}>{t(`pol.kind.${r.kind}`)}</Tag>
            {r.kind === 'subsidy' && <Tag>{t(`pol.mode.${r.mode}`)}</Tag>}
          </Space>
          <Space wrap size={[6, 6]}>
            {r.kind === 'subsidy' && r.base !== 'decided' && r.base !== 'fixed' && r.base !== 'none' && <Tag color="blue">{t('pol.rate', { pct: pct(r.rateBp) })}</Tag>}
            {r.rateBpWithFlags && <Tag color="blue">{`${pct(r.rateBpWithFlags.rateBp)}（${r.rateBpWithFlags.flags.map(label).join(' + ')}）`}</Tag>}
            {r.fixedAmount !== undefined && <Tag color="blue">{formatFenReadable(r.fixedAmount, lang)}</Tag>}
            {r.fixedByValue && Object.entries(r.fixedByValue).map(([k, v]) => <Tag color="blue" key={k}>{`${label(k)}${t('common.colon')}${formatFenReadable(v, lang)}`}</Tag>)}
            {r.minAmount !== undefined && <Tag>{t('pol.minAmount', { amount: formatFenReadable(r.minAmount, lang) })}</Tag>}
            {r.itemCap !== undefined && <Tag color="orange">{t('pol.itemCap', { amount: formatFenReadable(r.itemCap, lang) })}</Tag>}
            {r.itemCapByValue &&
              Object.entries(r.itemCapByValue).map(([k, v]) => (
                <Tag color="orange" key={`cap-${k}`}>{`${label(k)}${t('common.colon')}${t('pol.itemCap', { amount: formatFenReadable(v, lang) })}`}</Tag>
              ))}
            {r.yearlyCap !== undefined && <Tag color="orange">{t('pol.yearlyCap', { amount: formatFenReadable(r.yearlyCap, lang) })}</Tag>}
            {r.totalCap !== undefined && <Tag color="orange">{t('pol.totalCap', { amount: formatFenReadable(r.totalCap, lang) })}</Tag>}
            {r.balanceCap !== undefined && <Tag color="orange">{t('pol.balanceCap', { amount: formatFenReadable(r.balanceCap, lang) })}</Tag>}
            {r.noStackingGroup && <Tag color="red">{t('pol.noStacking', { group: r.noStackingGroup })}</Tag>}
            {r.gradeShare && <Tag color="red" data-testid={`grade-share-${r.id}`}>{t('pol.gradeShare', { grades: r.gradeShare.grades.map((g) => t(`pol.grade.${g}`)).join('、'), pct: pct(r.gradeShare.maxBp) })}</Tag>}
            {r.floorBp !== undefined && <Tag color="purple">{t('pol.floor', { pct: pct(r.floorBp) })}</Tag>}
            {r.trigger && <Tag>{t('pol.trigger', { type: t(`pol.rec.kind.${r.trigger}`) })}</Tag>}
            {r.kind === 'subsidy' && <Tag title={r.budgetLine}>{t('pol.budgetLine', { line: budgetLines[r.budgetLine]?.[lang] ?? r.budgetLine })}</Tag>}
          </Space>
          {r.note && (
            <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid={`rule-note-${r.id}`} message={t('pol.notComputed')} description={r.note} />
          )}
          {r.poolTermYears !== undefined && <div style={{ marginTop: 6, fontSize: 13 }}>{t('pol.poolTerm', { n: r.poolTermYears })}</div>}
          {r.kind === 'subsidy' && r.base !== 'none' && requiredDocumentsOf(r).length > 0 && (
            <div style={{ marginTop: 6, fontSize: 13, color: 'var(--kzt-muted, #595959)' }}>{`${t('pol.apply.documents')}${t('common.colon')}${requiredDocumentsOf(r).join('、')}`}</div>
          )}
          <blockquote className="policy-quote" style={{ margin: '8px 0 0', padding: '6px 12px', borderLeft: '3px solid #d9d9d9', color: '#595959', background: '#fafafa' }}>
            {/* A traditional-character source is read in simplified characters; the original stays a click away. */}
            {quotesSimplified[r.id] && lang === 'zh' ? (
              <>
                {quotesSimplified[r.id]}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} ellipsis={{ rows: 1, expandable: true, symbol: t('pol.quoteOriginal') }}>
                  {t('pol.quoteOriginalLabel')}
                  {t('common.colon')}
                  {r.source.quote}
                </Typography.Paragraph>
              </>
            ) : (
              r.source.quote
            )}
            <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>{t('pol.source', { file: policyDocumentTitle(r.source.file, lang), item: r.source.item })}</div>
          </blockquote>
        </List.Item>
      )}
    />
  );
}
