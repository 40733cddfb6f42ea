import { Cascader, Spin } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { loadRegions } from '../api.ts';
import { regionMatches, regionOrder, type RegionIndex, type RegionOption } from '../regionSearch.ts';

type Props = {
  /** The region's 6-digit GB/T 2260 code (the form value and the API field stay this code). */
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
};

/**
 * The one picker of a GB/T 2260 region: province → city → county, where a
 * province or a city may be picked too; search by name (simplified or
 * traditional: 濟南 finds 济南市) or by code (140702 finds 榆次区). The tree comes
 * from GET /api/regions when the first picker of the page opens, never with
 * the page's script. A value shows as its path: 山西省 / 晋中市 / 榆次区.
 */
export function RegionPicker({ value, onChange, placeholder, id, style, ...rest }: Props) {
  const { t } = useI18n();
  const [index, setIndex] = useState<RegionIndex>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadRegions().then(
      (i) => live && setIndex(i),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const showSearch = useMemo(() => {
    if (!index) return true;
    return {
      filter: (input: string, path: RegionOption[]) => regionMatches(index.normalize(input), path),
      sort: (a: RegionOption[], b: RegionOption[], input: string) => regionOrder(index.normalize(input), a, b),
      render: (_input: string, path: RegionOption[]) => (
        <span>
          {path.map((o) => o.label).join(' / ')} <span style={{ color: 'rgba(0,0,0,0.45)' }}>{path.at(-1)?.value}</span>
        </span>
      ),
      limit: 50,
      // A long path (新疆维吾尔自治区 / 伊犁哈萨克自治州 / …) is not cut to the box's width.
      matchInputWidth: false,
    };
  }, [index]);

  // A code the tree does not hold (an old record's) is shown as it is.
  const path = value ? (index?.pathOf(value) ?? [value]) : undefined;
  return (
    <Cascader<RegionOption>
      id={id}
      value={path}
      options={index?.options ?? []}
      changeOnSelect
      showSearch={showSearch}
      onChange={(codes) => onChange?.(codes?.length ? String(codes.at(-1)) : undefined)}
      placeholder={placeholder ?? t('region.picker.placeholder')}
      notFoundContent={index ? t('region.picker.none') : failed ? t('region.picker.loadFailed') : <Spin size="small" />}
      allowClear
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
