import { ImportOutlined } from '@ant-design/icons';
import { Card, Checkbox, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { listDemands, type Demand } from '../../demands/api.ts';
import { useRemoteSearch } from '../hooks.ts';

/** 从需求或共性难题导入: searches the published demands (or the common industry problems only) and hands the one chosen to the posting form. */
export function DemandImport({ onPick }: { onPick: (d: Demand) => void }) {
  const { t } = useI18n();
  const [commonOnly, setCommonOnly] = useState(false);
  const { setQ, items, loading } = useRemoteSearch<Demand>((q, signal) => listDemands({ q, commonProblem: commonOnly ? 'true' : undefined, status: 'published', pageSize: 20 }, signal), [commonOnly]);
  return (
    <Card size="small" title={<Space><ImportOutlined />{t('ch.import.title')}</Space>} data-testid="challenge-import">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={loading}
          value={null}
          placeholder={t('ch.import.placeholder')}
          notFoundContent={t('ch.import.none')}
          style={{ width: '100%' }}
          onChange={(id: string) => onPick(items.find((d) => d.id === id)!)}
          options={items.map((d) => ({
            value: d.id,
            label: (
              <span>
                {d.commonProblem && <Tag color="orange">{t('ch.import.common')}</Tag>}
                {d.title} <span className="muted">· {d.organization.name}</span>
              </span>
            ),
          }))}
          data-testid="challenge-import-select"
        />
        <Checkbox checked={commonOnly} onChange={(e) => setCommonOnly(e.target.checked)}>{t('ch.import.commonOnly')}</Checkbox>
      </Space>
    </Card>
  );
}
