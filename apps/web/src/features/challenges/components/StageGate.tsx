import { Alert, Button, Checkbox, Input, Modal } from 'antd';
import { useState } from 'react';
import { post } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { Challenge } from '../api.ts';

const passStageGate = (id: string, body: { keepBidIds: string[]; reason: string }) => post<Challenge>(`/challenges/${id}/stage-gate`, body);

/** The racing stage gate: the panel or the administrators keep the best teams; the others end, with the reason. */
export function StageGateButton({ c, act }: { c: Challenge; act: (run: () => Promise<Challenge>) => Promise<boolean> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  if (!c.allowedActions.includes('stageGate')) return null;
  const racing = c.winners;
  const ok = keep.length > 0 && keep.length < racing.length && !!reason.trim();
  return (
    <>
      <Button onClick={() => (setKeep([]), setReason(''), setOpen(true))} data-testid="challenge-stage-gate">
        {t('ch.gate.title')}
      </Button>
      <Modal open={open} title={t('ch.gate.title')} okButtonProps={{ disabled: !ok }} onCancel={() => setOpen(false)} onOk={() => void act(() => passStageGate(c.id, { keepBidIds: keep, reason: reason.trim() })).then((done) => done && setOpen(false))} destroyOnHidden>
        <Alert type="info" title={t('ch.gate.hint')} style={{ marginBottom: 12 }} />
        <Checkbox.Group value={keep} onChange={(v) => setKeep(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {racing.map((w) => (
            <Checkbox key={w.bidId} value={w.bidId}>
              {w.organization.name} {w.mean != null && `· ${w.mean}`}
            </Checkbox>
          ))}
        </Checkbox.Group>
        <div style={{ margin: '12px 0 8px' }}>{t('ch.field.reason')}</div>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="stage-gate-reason" />
      </Modal>
    </>
  );
}
