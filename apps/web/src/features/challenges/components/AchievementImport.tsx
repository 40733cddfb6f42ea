import { ExperimentOutlined } from '@ant-design/icons';
import { Card, Select } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { listAchievements, type Achievement } from '../../achievements/api.ts';
import { useRemoteSearch } from '../hooks.ts';

/**
 * 从本单位成果发榜 (双向揭榜 成果转化): the caller's organisations' published
 * achievements, searched by title; the one chosen is handed to the posting form.
 */
export function AchievementImport({ onPick }: { onPick: (a: Achievement) => void }) {
  const { t } = useI18n();
  const { setQ, items, loading } = useRemoteSearch<Achievement>((q, signal) => listAchievements({ scope: 'mine', status: 'published', q, sort: 'date', pageSize: 20 }, signal));
  return (
    <Card size="small" title={<><ExperimentOutlined /> {t('ch.achievement.title')}</>} data-testid="challenge-achievement">
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        loading={loading}
        value={null}
        placeholder={t('ch.achievement.placeholder')}
        notFoundContent={t('ch.achievement.none')}
        style={{ width: '100%' }}
        onChange={(id: string) => onPick(items.find((a) => a.id === id)!)}
        options={items.map((a) => ({ value: a.id, label: <span>{a.title} <span className="muted">· {a.organization.name}</span></span> }))}
        data-testid="challenge-achievement-select"
      />
    </Card>
  );
}
