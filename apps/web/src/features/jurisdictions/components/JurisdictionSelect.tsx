import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { buildJurisdictionTree, fetchJurisdictions } from '../api.ts';

type Common = { id?: string; placeholder?: string; allowClear?: boolean; style?: CSSProperties };
type Single = Common & { multiple?: false; value?: string; onChange?: (value: string) => void };
type Multiple = Common & { multiple: true; value?: string[]; onChange?: (value: string[]) => void };

/** Province → city → county picker built from GET /api/jurisdictions; `multiple` picks several codes. */
export function JurisdictionSelect({ value, onChange, id, placeholder, allowClear, style, multiple }: Single | Multiple) {
  const { t } = useI18n();
  const { data, loading } = useAsync(() => fetchJurisdictions(), []);
  const tree = useMemo(() => buildJurisdictionTree(data?.items ?? []), [data]);
  return (
    <TreeSelect
      key={tree.length}
      id={id}
      value={value}
      onChange={onChange as (v: string | string[]) => void}
      multiple={multiple}
      treeData={tree}
      loading={loading}
      placeholder={placeholder ?? t('org.selectJurisdiction')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      style={{ width: '100%', ...style }}
      data-testid="jurisdiction-select"
    />
  );
}
