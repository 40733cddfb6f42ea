import {
  ACHIEVEMENT_TYPE_LABELS,
  ACHIEVEMENT_TYPES,
  CONFIDENTIALITY_LABELS,
  CONFIDENTIALITY_LEVELS,
  CONVERSION_KIND_LABELS,
  INDUSTRY_CODES,
  INDUSTRY_SECTIONS,
  IP_KIND_LABELS,
  IP_KINDS,
  IP_STATUS_LABELS,
  IP_STATUSES,
  MATURITY_LEVELS,
  ORGANIZATION_TYPE_LABELS,
  RECORD_STATUS_LABELS,
  TRANSFER_MODE_LABELS,
  TRANSFER_MODES,
  formatFen,
  type Confidentiality,
  type RecordStatus,
} from '@kzt/shared';
import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, LockOutlined, RollbackOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { Segment } from './api.ts';

const STATUS_STYLE: Record<RecordStatus, { color: string; icon: ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined /> },
  submitted: { color: 'gold', icon: <ClockCircleOutlined /> },
  published: { color: 'green', icon: <CheckCircleOutlined /> },
  returned: { color: 'red', icon: <RollbackOutlined /> },
  withdrawn: { color: 'default', icon: <StopOutlined /> },
};

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const { label } = useI18n();
  const s = STATUS_STYLE[status];
  return (
    <Tag color={s?.color} icon={s?.icon} data-testid="record-status" data-status={status}>
      {label(RECORD_STATUS_LABELS[status], status)}
    </Tag>
  );
}

/** 摘要公开 / 保密 marker; nothing for public records. */
export function ConfidentialityTag({ value, restricted }: { value: Confidentiality; restricted?: boolean }) {
  const { label } = useI18n();
  if (value === 'public' && !restricted) return null;
  return (
    <Tag color={value === 'secret' ? 'magenta' : 'purple'} icon={<LockOutlined />} data-testid="confidentiality-tag">
      {label(CONFIDENTIALITY_LABELS[value], value)}
    </Tag>
  );
}

export function StaleTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" icon={<WarningOutlined />} data-testid="stale-tag">
      {t('cat.stale')}
    </Tag>
  );
}

/** Text with the query's hits marked; plain text nodes only (never innerHTML). */
export function Highlighted({ segments, fallback }: { segments?: Segment[]; fallback: string }) {
  if (!segments || segments.length === 0) return <>{fallback}</>;
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export function SourceNote({ source }: { source?: string | null }) {
  const { t } = useI18n();
  if (!source) return null;
  return (
    <p className="source-note" data-testid="source-note">
      {t('cat.source.csl')}
    </p>
  );
}

/** Every label the catalogue pages need, in the current language. */
export function useCatalogueLabels() {
  const { label, lang } = useI18n();
  const industry = (code: string) => label(INDUSTRY_SECTIONS[code as keyof typeof INDUSTRY_SECTIONS], code);
  const maturityStage = (n: number) => label(MATURITY_LEVELS[n]?.stage, String(n));
  return {
    lang,
    industry,
    industryFull: (code: string) => `${code} · ${industry(code)}`,
    industryOptions: INDUSTRY_CODES.map((c) => ({ value: c, label: `${c} · ${industry(c)}` })),
    type: (v: string) => label(ACHIEVEMENT_TYPE_LABELS[v as keyof typeof ACHIEVEMENT_TYPE_LABELS], v),
    typeOptions: ACHIEVEMENT_TYPES.map((v) => ({ value: v, label: label(ACHIEVEMENT_TYPE_LABELS[v]) })),
    maturityStage,
    /** "TRL 4 · 小试" */
    maturityShort: (n: number) => `${lang === 'zh' ? '成熟度' : 'TRL'} ${n} · ${maturityStage(n)}`,
    maturityLong: (n: number) => `${n} · ${maturityStage(n)} — ${label(MATURITY_LEVELS[n], '')}`,
    maturityOptions: Object.keys(MATURITY_LEVELS).map((k) => {
      const n = Number(k);
      return { value: n, label: `${n} · ${maturityStage(n)} — ${label(MATURITY_LEVELS[n])}` };
    }),
    transferMode: (v: string) => label(TRANSFER_MODE_LABELS[v as keyof typeof TRANSFER_MODE_LABELS], v),
    transferModeOptions: TRANSFER_MODES.map((v) => ({ value: v, label: label(TRANSFER_MODE_LABELS[v]) })),
    confidentiality: (v: string) => label(CONFIDENTIALITY_LABELS[v as Confidentiality], v),
    confidentialityOptions: CONFIDENTIALITY_LEVELS.map((v) => ({ value: v, label: label(CONFIDENTIALITY_LABELS[v]) })),
    ownerType: (v: string) => label(ORGANIZATION_TYPE_LABELS[v as keyof typeof ORGANIZATION_TYPE_LABELS], v),
    ipKind: (v: string) => label(IP_KIND_LABELS[v as keyof typeof IP_KIND_LABELS], v),
    ipKindOptions: IP_KINDS.map((v) => ({ value: v, label: label(IP_KIND_LABELS[v]) })),
    ipStatus: (v: string) => label(IP_STATUS_LABELS[v as keyof typeof IP_STATUS_LABELS], v),
    ipStatusOptions: IP_STATUSES.map((v) => ({ value: v, label: label(IP_STATUS_LABELS[v]) })),
    conversionKind: (v: string) => label(CONVERSION_KIND_LABELS[v as keyof typeof CONVERSION_KIND_LABELS], v),
    status: (v: RecordStatus) => label(RECORD_STATUS_LABELS[v], v),
    money: (fen: number | null | undefined) => formatFen(fen, lang),
  };
}
