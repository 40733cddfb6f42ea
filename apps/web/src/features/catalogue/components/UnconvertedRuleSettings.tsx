import { App, Button, Card, Space, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { put } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { fetchJurisdictions, type Jurisdiction } from '../../jurisdictions/api.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

type WithRule = Jurisdiction & { unconvertedYears?: number | null };

/** The rule that applies at a jurisdiction: its own, or the nearest one up the tree. */
function ruleAt(all: WithRule[], code: string): { from: WithRule; years: number } | null {
  const byCode = new Map(all.map((j) => [j.code, j]));
  for (let j = byCode.get(code); j; j = j.parentCode ? byCode.get(j.parentCode) : undefined) if (j.unconvertedYears) return { from: j, years: j.unconvertedYears };
  return null;
}

/**
 * 未转化成果规则: a local rule (陕西: two years, 002 item 11), not a
 * national one. Administrators see which rule applies to their regions;
 * platform administrators set it per jurisdiction.
 */
export function UnconvertedRuleSettings() {
  const { me } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const list = useAsync(() => fetchJurisdictions() as Promise<{ items: WithRule[] }>, []);
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const platform = !!me?.user.isPlatformAdmin;
  const [code, setCode] = useState<string | undefined>();
  const [enabled, setEnabled] = useState(false);
  const [years, setYears] = useState<number | null>(2);
  const [saving, setSaving] = useState(false);
  const regions = platform ? (code ? [code] : []) : (me?.adminOf ?? []).map((r) => r.code);

  const pick = (c: string) => {
    setCode(c);
    const own = all.find((j) => j.code === c)?.unconvertedYears ?? null;
    setEnabled(own !== null);
    setYears(own ?? 2);
  };
  const save = async () => {
    if (!code) return;
    setSaving(true);
    try {
      await put(`/jurisdictions/${code}/rules`, { unconvertedYears: enabled ? years : null });
      message.success(t('rules.saved', { name: all.find((j) => j.code === code)?.name ?? code }));
      await list.reload();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  const describe = (c: string) => {
    const r = ruleAt(all, c);
    const name = all.find((j) => j.code === c)?.name ?? c;
    if (!r) return <Tag key={c}>{name}：{t('rules.empty')}</Tag>;
    return (
      <Tag key={c} color="orange">
        {name}：{r.from.code === c ? t('rules.own', { n: r.years }) : t('rules.inherits', { name: r.from.name, n: r.years })}
      </Tag>
    );
  };

  return (
    <Card size="small" title={t('rules.title')} data-testid="unconverted-rule">
      <p className="muted" style={{ marginTop: 0 }}>{t('rules.lead')}</p>
      <Space wrap>
        {platform && <JurisdictionSelect value={code} onChange={pick} style={{ minWidth: 180 }} />}
        {platform && code && (
          <>
            <Switch checked={enabled} onChange={setEnabled} checkedChildren={t('rules.years')} unCheckedChildren={t('rules.none')} data-testid="rule-enabled" />
            {enabled && <NumberInput min={1} max={20} value={years ?? undefined} onChange={(v) => setYears(v)} addonAfter={t('rules.years')} style={{ width: 150 }} />}
            <Button type="primary" loading={saving} disabled={enabled && !years} onClick={() => void save()} data-testid="rule-save">
              {t('common.save')}
            </Button>
          </>
        )}
        {regions.map(describe)}
      </Space>
    </Card>
  );
}
