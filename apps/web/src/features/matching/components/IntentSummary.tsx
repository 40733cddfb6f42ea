import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import type { Intent, SentenceRole } from '../api.ts';

const ROLE_COLOR: Record<SentenceRole, string> = { goal: 'green', problem: 'orange', background: 'default', plain: 'default' };

/** What a demand asks for, sentence by sentence: goals and problems first, background on request. */
export function IntentSummary({ intent }: { intent: Intent }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const key = intent.sentences.filter((s) => s.role === 'goal' || s.role === 'problem');
  const shown = all || key.length === 0 ? intent.sentences : key;
  const hidden = intent.sentences.length - shown.length;
  if (intent.sentences.length === 0 && !intent.wanted) return null;
  return (
    <div className="match-intent" data-testid="match-intent">
      <div className="match-intent-head">
        <strong>{t('match.intent.title')}</strong>
        {intent.wanted && <Tag color="purple" bordered={false}>{t('match.intent.wanted', intent.wanted)}</Tag>}
        {hidden > 0 && (
          <Button type="link" size="small" onClick={() => setAll(true)}>
            {t('match.intent.more', { n: hidden })}
          </Button>
        )}
      </div>
      <ul>
        {shown.map((s, i) => (
          <li key={i} className={`match-intent-${s.role}`} data-role={s.role}>
            <Tag color={ROLE_COLOR[s.role]} bordered={false}>{t(`match.role.${s.role}`)}</Tag>
            <span>{s.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
