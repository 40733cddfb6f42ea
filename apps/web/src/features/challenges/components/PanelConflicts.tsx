import { Alert, Button, Input, List, Modal, Radio, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchPanelCandidates, replacePanelMember, type Challenge, type PanelCandidate } from '../api.ts';

type Conflict = NonNullable<Challenge['panelConflicts']>[number];

/**
 * For administrators while bids are scored: panel members who must not score
 * a bid (it came after the panel was set from their organisation or a bidder
 * they worked with), with the reasons, and a replacement while no one has
 * scored that bid.
 */
export function PanelConflicts({ c, run }: { c: Challenge; run: (call: () => Promise<Challenge>) => Promise<boolean> }) {
  const { t } = useI18n();
  const [replacing, setReplacing] = useState<Conflict | null>(null);
  if (!c.panelConflicts?.length) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="panel-conflicts"
        title={t('ch.conflicts.title')}
        description={
          <List<Conflict>
            size="small"
            dataSource={c.panelConflicts}
            renderItem={(x) => (
              <List.Item data-testid="panel-conflict" style={{ paddingInline: 0 }}>
                <div style={{ width: '100%' }}>
                  <div>{t('ch.conflicts.line', { expert: x.expert.name, organization: x.bid.organization.name ?? '' })}</div>
                  <div className="muted">{x.reasons.join('；')}</div>
                  {x.scored ? (
                    <Tag style={{ marginTop: 4 }}>{t('ch.conflicts.scored')}</Tag>
                  ) : (
                    <Button size="small" style={{ marginTop: 4 }} onClick={() => setReplacing(x)} data-testid="panel-replace">
                      {t('ch.conflicts.replace')}
                    </Button>
                  )}
                </div>
              </List.Item>
            )}
          />
        }
      />
      {replacing && (
        <ReplaceModal c={c} expert={replacing.expert} defaultReason={t('ch.conflicts.defaultReason', { organization: replacing.bid.organization.name ?? '' })} onClose={() => setReplacing(null)} run={run} />
      )}
    </>
  );
}

/** Picks the replacement among the pool's experts not on the panel and with nothing to avoid, with the reason. */
export function ReplaceModal({ c, expert, defaultReason, onClose, run }: { c: Challenge; expert: { id: string; name: string }; defaultReason: string; onClose: () => void; run: (call: () => Promise<Challenge>) => Promise<boolean> }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [pick, setPick] = useState<string>();
  const [reason, setReason] = useState(defaultReason);
  const pool = useAsync((signal) => fetchPanelCandidates(c.id, q.trim() || undefined, signal), [c.id, q]);
  // Those who may step in first; those who must step aside after them, greyed, each with why (never a silent empty list).
  const others = (pool.data?.items ?? []).filter((e: PanelCandidate) => !e.onPanel);
  const items = [...others.filter((e) => e.reasons.length === 0), ...others.filter((e) => e.reasons.length > 0)];
  const noneEligible = !pool.loading && pool.data !== undefined && !items.some((e) => e.reasons.length === 0);
  return (
    <Modal
      open
      title={t('ch.conflicts.replaceTitle', { expert: expert.name })}
      onCancel={onClose}
      okButtonProps={{ disabled: !pick || !reason.trim() }}
      onOk={() => void run(() => replacePanelMember(c.id, { expertId: expert.id, replacementId: pick!, reason: reason.trim() })).then((ok) => ok && onClose())}
      destroyOnHidden
      width={560}
    >
      <p className="muted">{t('ch.conflicts.replaceHint')}</p>
      {noneEligible && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('ch.replace.noneEligible')} data-testid="replace-none-eligible" />}
      <Input.Search allowClear placeholder={t('ch.panel.search')} onSearch={setQ} style={{ marginBottom: 8 }} />
      <Radio.Group value={pick} onChange={(e) => setPick(e.target.value as string)} style={{ width: '100%' }}>
        <List<PanelCandidate>
          size="small"
          loading={pool.loading}
          locale={{ emptyText: t('ch.panel.none') }}
          dataSource={items}
          style={{ maxHeight: '40vh', overflowY: 'auto' }}
          renderItem={(e) => (
            <List.Item data-testid={e.reasons.length ? 'replace-avoided' : 'replace-candidate'}>
              <div>
                <Radio value={e.id} disabled={e.reasons.length > 0}>
                  <Space wrap>
                    <strong>{e.name}</strong>
                    <span className="muted">{e.organizations.join('、')}</span>
                  </Space>
                </Radio>
                <AvoidReasons reasons={e.reasons} />
              </div>
            </List.Item>
          )}
        />
      </Radio.Group>
      <div style={{ marginTop: 12 }}>{t('ch.field.reason')}</div>
      <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="replace-reason" />
    </Modal>
  );
}

/** Why an expert must step aside (须回避): each reason, those found by a name alone marked so. Nothing when none. */
export function AvoidReasons({ reasons }: { reasons: PanelCandidate['reasons'] }) {
  const { t } = useI18n();
  if (!reasons.length) return null;
  return (
    <div style={{ marginTop: 4 }} data-testid="panel-avoid">
      <Tag color="red">{t('ch.panel.avoid')}</Tag>
      <ul className="panel-reasons">
        {reasons.map((r) => (
          <li key={r.text} data-testid="panel-reason" data-basis={r.basis}>
            {r.basis === 'name' && (
              <Tag color="orange" style={{ marginInlineEnd: 4 }} title={t('ch.panel.byNameHint')}>
                {t('ch.panel.byName')}
              </Tag>
            )}
            {r.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
