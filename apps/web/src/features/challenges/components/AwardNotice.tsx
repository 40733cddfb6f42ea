import type { ChallengeObjectionDto } from '@kzt/shared';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { post } from '../../../api/client.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { iso, type Challenge } from '../api.ts';

export type Objection = ChallengeObjectionDto;

const lodgeObjection = (id: string, body: { organizationId: string; reason: string }) => post<Objection>(`/challenges/${id}/objections`, body);
const resolveObjection = (id: string, objectionId: string, body: { decision: 'uphold' | 'dismiss'; reason: string }) => post<Challenge>(`/challenges/${id}/objections/${objectionId}/resolve`, body);

const STATUS_COLOR: Record<string, string> = { pending: 'orange', upheld: 'red', dismissed: 'default', closed: 'default' };

type Ask = { kind: 'object' } | { kind: 'resolve'; objection: Objection; decision: 'uphold' | 'dismiss' };

/**
 * The award's public notice (公示): until when it runs, whether the award is
 * final, the objections (no person named), a verified organisation's
 * objection and the administrators' resolution.
 */
export function AwardNotice({ c, onChange }: { c: Challenge; onChange: (next?: Challenge) => Promise<unknown> | void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [reason, setReason] = useState('');
  const [org, setOrg] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!c.notice && c.objections.length === 0) return null;

  const open = (a: Ask) => {
    setReason('');
    setOrg(c.objectingOrganizations[0]?.id);
    setAsk(a);
  };
  const submit = async () => {
    if (!ask) return;
    setBusy(true);
    try {
      if (ask.kind === 'object') {
        await lodgeObjection(c.id, { organizationId: org!, reason: reason.trim() });
        message.success(t('ch.notice.lodged'));
        await onChange();
      } else {
        await onChange(await resolveObjection(c.id, ask.objection.id, { decision: ask.decision, reason: reason.trim() }));
      }
      setAsk(null);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const endsAt = formatDateTime(iso(c.notice?.endsAt));
  const title: MessageKey = ask?.kind === 'object' ? 'ch.notice.object' : ask?.decision === 'uphold' ? 'ch.notice.uphold' : 'ch.notice.dismiss';

  return (
    <Card title={t('ch.notice.title')} size="small" data-testid="challenge-notice">
      {c.notice &&
        (c.notice.final ? (
          <Alert type="success" showIcon title={t('ch.notice.final', { at: formatDateTime(iso(c.notice.finalAt)) })} />
        ) : (
          <Alert type="info" showIcon title={t('ch.notice.running', { at: endsAt })} description={t('ch.notice.hint')} />
        ))}
      {c.allowedActions.includes('object') && (
        <Button style={{ marginTop: 8 }} onClick={() => open({ kind: 'object' })} data-testid="challenge-object">
          {t('ch.notice.object')}
        </Button>
      )}
      <h4 style={{ marginTop: 12 }}>{t('ch.notice.objections')}</h4>
      {c.objections.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ch.notice.none')} />
      ) : (
        <List<Objection>
          size="small"
          dataSource={c.objections}
          renderItem={(o) => (
            <List.Item data-testid="objection-item">
              <div style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={STATUS_COLOR[o.status]}>{t(`ch.objection.${o.status}` as MessageKey)}</Tag>
                  {o.organization && <strong>{o.organization.name}</strong>}
                  <span className="muted">{formatDateTime(iso(o.createdAt))}</span>
                </Space>
                <div style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</div>
                {o.resolution && <div className="muted">{t('ch.notice.resolution', { text: o.resolution })}</div>}
                {o.allowedActions.includes('resolve') && (
                  <Space size={4} style={{ marginTop: 4 }}>
                    <Button size="small" danger onClick={() => open({ kind: 'resolve', objection: o, decision: 'uphold' })} data-testid="objection-uphold">
                      {t('ch.notice.uphold')}
                    </Button>
                    <Button size="small" onClick={() => open({ kind: 'resolve', objection: o, decision: 'dismiss' })} data-testid="objection-dismiss">
                      {t('ch.notice.dismiss')}
                    </Button>
                  </Space>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      <Modal open={!!ask} title={t(title)} okButtonProps={{ disabled: !reason.trim() || (ask?.kind === 'object' && !org), loading: busy }} onCancel={() => setAsk(null)} onOk={() => void submit()} destroyOnHidden>
        {ask?.kind === 'object' && (
          <>
            <div style={{ marginBottom: 8 }}>{t('ch.notice.organization')}</div>
            <Select style={{ width: '100%', marginBottom: 12 }} value={org} onChange={setOrg} options={c.objectingOrganizations.map((o) => ({ value: o.id, label: o.name }))} />
          </>
        )}
        {ask?.kind === 'resolve' && ask.decision === 'uphold' && <Alert style={{ marginBottom: 8 }} type="warning" title={t('ch.notice.upholdHint')} />}
        <div style={{ marginBottom: 8 }}>{t('ch.field.reason')}</div>
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="objection-reason" />
      </Modal>
    </Card>
  );
}
