import { Alert, Empty, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchExpertMatches, fetchOrganizationMatches, orgName, otherSide, recordLink, type MatchSide } from '../api.ts';
import { MatchReasons } from './MatchReasons.tsx';
import { ScoreBadge } from './ScoreBadge.tsx';

function Loaded<T extends { items: unknown[] }>({ res, children }: { res: { data?: T; error: unknown; loading: boolean }; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (res.error && !res.data) {
    return <Alert type="warning" showIcon title={t('match.unavailable')} description={res.error instanceof ApiError ? res.error.detail : undefined} />;
  }
  return (
    <Spin spinning={res.loading}>
      {res.data && res.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('match.empty')} /> : res.data ? children(res.data) : <div style={{ minHeight: 120 }} />}
    </Spin>
  );
}

/** The organisations behind the best matches, with their matching records. */
export function OrganizationMatches({ sourceType, sourceId }: { sourceType: MatchSide; sourceId: string }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const res = useAsync((signal) => fetchOrganizationMatches(sourceType, sourceId, signal), [sourceType, sourceId]);
  const side = otherSide(sourceType);
  return (
    <Loaded res={res}>
      {(data) => (
        <div className="match-list" data-testid="match-organizations">
          {data.items.map((o) => (
            <div className="match-item" key={o.organization.id} data-testid="match-organization">
              <div className="match-item-main">
                <h4 className="match-item-title">
                  {o.organization.name} {o.organization.type && <Tag bordered={false}>{L.ownerType(o.organization.type)}</Tag>}
                </h4>
                <MatchReasons reasons={o.reasons} max={3} />
                {o.records.length > 0 && (
                  <ul className="match-org-records">
                    {o.records.slice(0, 5).map((r) => (
                      <li key={r.id}>
                        <Link to={recordLink(side, r.id)}>{r.title}</Link>
                        <span className="muted"> · {t('match.score')} {r.score}</span>
                      </li>
                    ))}
                    {o.records.length > 5 && <li className="muted">{t('match.org.more', { n: o.records.length - 5 })}</li>}
                  </ul>
                )}
              </div>
              <ScoreBadge score={o.score} />
            </div>
          ))}
        </div>
      )}
    </Loaded>
  );
}

/** Experts whose fields fit, the parties' own left out. */
export function ExpertMatches({ sourceType, sourceId }: { sourceType: MatchSide; sourceId: string }) {
  const res = useAsync((signal) => fetchExpertMatches(sourceType, sourceId, signal), [sourceType, sourceId]);
  return (
    <Loaded res={res}>
      {(data) => (
        <div className="match-list" data-testid="match-experts">
          {data.items.map((e) => (
            <div className="match-item" key={e.user.id} data-testid="match-expert">
              <div className="match-item-main">
                <h4 className="match-item-title">
                  {e.user.name}
                  {e.title && <span className="muted match-expert-title"> · {e.title}</span>}
                </h4>
                <div className="match-item-meta">
                  {orgName(e.organization) && <span>{orgName(e.organization)}</span>}
                  {e.fields.length > 0 && (
                    <span>
                      {e.fields.map((f) => (
                        <Tag key={f} bordered={false} color="blue">{f}</Tag>
                      ))}
                    </span>
                  )}
                </div>
                <MatchReasons reasons={e.reasons} max={3} />
              </div>
              <ScoreBadge score={e.score} />
            </div>
          ))}
        </div>
      )}
    </Loaded>
  );
}
