import { PRIORITY_INDUSTRIES } from '@kzt/shared';
import { Button, Result, Select, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import type { MyOrganization } from '../../auth/api.ts';

/** Keywords typed as tags (Enter, comma or 、 ends one). */
export function TagsInput({ max, placeholder, ...rest }: { value?: string[]; onChange?: (v: string[]) => void; max: number; placeholder?: string; id?: string }) {
  return <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} maxCount={max} placeholder={placeholder} {...rest} />;
}

/** Industry tags: the regions' priority industries offered, free text allowed. */
export function PriorityIndustryInput(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useI18n();
  return (
    <Select
      mode="tags"
      maxCount={10}
      tokenSeparators={[',', '，', '、']}
      options={PRIORITY_INDUSTRIES.map((p) => ({ value: p, label: p }))}
      placeholder={t('cat.industryTags.placeholder')}
      {...props}
    />
  );
}

/** Shown instead of a form when the person has no organisation that may own the record. */
export function NoOrganization({ kind }: { kind: 'achievements' | 'demands' }) {
  const { t } = useI18n();
  return (
    <div className="container">
      <Result
        status="info"
        title={t(kind === 'achievements' ? 'ach.noOrg.title' : 'dem.noOrg.title')}
        subTitle={t('cat.noOrg.desc')}
        extra={
          <Space>
            <Link to="/org/apply">
              <Button type="primary">{t('org.apply.title')}</Button>
            </Link>
            <Link to={`/${kind}`}>
              <Button>{t(kind === 'achievements' ? 'nav.achievements' : 'nav.demands')}</Button>
            </Link>
          </Space>
        }
      />
    </div>
  );
}

export function OrganizationOption({ orgs }: { orgs: MyOrganization[] }) {
  return orgs.length === 1 ? <span>{orgs[0]!.name}</span> : null;
}
