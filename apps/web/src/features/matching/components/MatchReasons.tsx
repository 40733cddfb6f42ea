import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import type { MatchReason } from '../api.ts';

const KIND_COLOR: Record<string, string> = {
  terms: 'blue',
  related: 'geekblue',
  industry: 'cyan',
  maturity: 'purple',
  mode: 'green',
  budget: 'gold',
  region: 'orange',
  fresh: 'lime',
  stale: 'default',
  feedback: 'magenta',
};

const LABELLED = /^([^：:，,。]{2,14})[：:]\s*(.+)$/s;

/** `text` with each of `terms` marked (longest first; plain text nodes only). */
export function markTerms(text: string, terms: string[] | undefined): ReactNode {
  const list = [...new Set((terms ?? []).map((x) => x.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return text;
  const re = new RegExp(`(${list.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text.split(re).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}

/** The reasons of a match, one readable line each, with its aspect as a tag and the shared terms marked. */
export function MatchReasons({ reasons, max }: { reasons: MatchReason[]; max?: number }) {
  const { t } = useI18n();
  const shown = max ? reasons.slice(0, max) : reasons;
  if (shown.length === 0) return null;
  return (
    <ul className="match-reasons" data-testid="match-reasons">
      {shown.map((r, i) => {
        const known = r.kind in KIND_COLOR;
        // "共同关键词：A、B" reads as the tag 共同关键词 and the text A、B.
        const head = LABELLED.exec(r.text);
        const label = head ? head[1]! : known ? t(`match.reason.${r.kind}` as MessageKey) : t('match.reason.other');
        const text = head ? head[2]! : r.text;
        const inText = (r.terms ?? []).filter((x) => text.toLowerCase().includes(x.toLowerCase()));
        const extra = (r.terms ?? []).filter((x) => !inText.includes(x));
        return (
          <li key={`${r.kind}-${i}`} data-testid="match-reason" data-kind={r.kind}>
            <Tag color={KIND_COLOR[r.kind] ?? 'default'} bordered={false} className="match-reason-kind">
              {label}
            </Tag>
            <span className="match-reason-text">{markTerms(text, inText)}</span>
            {extra.length > 0 && (
              <span className="match-reason-terms">
                {extra.map((x) => (
                  <mark key={x}>{x}</mark>
                ))}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
