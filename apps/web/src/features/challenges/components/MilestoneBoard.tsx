import { Alert, App, Button, Card, Input, List, Modal, Progress, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { AttachmentFileList, AttachmentUploadButton } from '../../attachments/components/AttachmentParts.tsx';
import { acceptMilestone, deleteMilestoneFile, iso, reportMilestone, returnMilestone, uploadMilestoneFile, type Challenge, type Milestone, type MilestoneFile } from '../api.ts';
import { MilestoneTag, useChallengeLabels } from '../labels.tsx';

type Run = (call: () => Promise<Challenge>) => Promise<boolean>;

/**
 * The milestone board: each winning team's milestones with their progress and
 * money; the team reports with files, the poser or the panel reads the
 * report and its files and accepts (after seeing what acceptance releases) or
 * returns it with a reason.
 */
export function MilestoneBoard({ c, focus, run }: { c: Challenge; focus: boolean; run: Run }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const [reporting, setReporting] = useState<Milestone | null>(null);
  const [accepting, setAccepting] = useState<Milestone | null>(null);
  const [returning, setReturning] = useState<Milestone | null>(null);
  if (c.milestones.length === 0) return null;
  const byBid = new Map<string, Milestone[]>();
  for (const m of c.milestones) byBid.set(m.bidId, [...(byBid.get(m.bidId) ?? []), m]);
  const waiting = c.milestones.filter((m) => m.allowedActions.includes('accept'));
  return (
    <Card title={t('ch.detail.milestones')} size="small" id="milestones" data-testid="challenge-milestones" extra={!focus && <Link to={`/challenges/${c.id}/milestones`}>{t('ch.msboard.open')}</Link>}>
      {waiting.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ch.msboard.waiting', { n: waiting.length })} data-testid="milestones-waiting" />}
      {[...byBid.entries()].map(([bidId, ms]) => {
        const total = ms.reduce((sum, m) => sum + m.amount, 0);
        const accepted = ms.filter((m) => m.status === 'accepted').reduce((sum, m) => sum + m.amount, 0);
        return (
          <div key={bidId} style={{ marginBottom: 12 }}>
            <Space wrap style={{ marginBottom: 4 }}>
              <h4 style={{ margin: 0 }}>{ms[0]!.organization.name}</h4>
              <Link to={`/challenges/${c.id}/agreement/${bidId}`} data-testid="milestones-agreement">
                {t(c.scheme === 'jiebang_guashuai' ? 'ch.agreement.openPledge' : 'ch.agreement.open')}
              </Link>
            </Space>
            <div className="milestone-progress" data-testid="milestone-progress">
              <Progress percent={total ? Math.floor((accepted / total) * 100) : 0} size="small" />
              <span className="muted">{t('ch.msboard.paid', { accepted: L.money(accepted), total: L.money(total), done: ms.filter((m) => m.status === 'accepted').length, n: ms.length })}</span>
            </div>
            <List<Milestone>
              size="small"
              dataSource={ms}
              renderItem={(m) => (
                <List.Item data-testid="milestone-item">
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Space wrap>
                      <strong>
                        {m.n}. {m.title}
                      </strong>
                      <MilestoneTag m={m} />
                    </Space>
                    <div className="muted">
                      {t('ch.field.dueOn')} {m.dueOn} · {L.money(m.amount)}（{L.percent(m.share)}）{m.deliverable && ` · ${m.deliverable}`}
                    </div>
                    {m.reportNote != null && (
                      <div className="milestone-report">
                        {t('ch.msboard.report')}
                        {m.reportedAt && <span className="muted">（{formatDateTime(iso(m.reportedAt))}）</span>}：{m.reportNote || t('ch.msboard.noNote')}
                      </div>
                    )}
                    {m.attachments.length > 0 && (
                      <div data-testid="milestone-files">
                        <AttachmentFileList size="small" items={m.attachments} />
                      </div>
                    )}
                    {m.decisionNote && (
                      <div className="muted">
                        {t(m.status === 'returned' ? 'ch.msboard.returned' : m.status === 'stopped' ? 'ch.msboard.stopped' : 'ch.msboard.decision')}：{m.decisionNote}
                      </div>
                    )}
                    <Space size={4} wrap style={{ marginTop: 4 }}>
                      {m.allowedActions.includes('report') && (
                        <Button size="small" type="primary" onClick={() => setReporting(m)} data-testid="milestone-report">
                          {t('ch.action.report')}
                        </Button>
                      )}
                      {m.allowedActions.includes('accept') && (
                        <Button size="small" type="primary" onClick={() => setAccepting(m)} data-testid="milestone-accept">
                          {t('ch.action.accept')}
                        </Button>
                      )}
                      {m.allowedActions.includes('return') && (
                        <Button size="small" danger onClick={() => setReturning(m)} data-testid="milestone-return">
                          {t('ch.action.return')}
                        </Button>
                      )}
                    </Space>
                  </div>
                </List.Item>
              )}
            />
          </div>
        );
      })}
      {reporting && <ReportModal c={c} m={reporting} onClose={() => setReporting(null)} run={run} />}
      {accepting && <AcceptModal c={c} m={accepting} onClose={() => setAccepting(null)} run={run} />}
      {returning && <ReturnModal c={c} m={returning} onClose={() => setReturning(null)} run={run} />}
    </Card>
  );
}

/** Runs one call of a modal: busy meanwhile, the modal closed when it succeeded. */
function useModalRun(run: Run, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const send = async (call: () => Promise<Challenge>) => {
    setBusy(true);
    const ok = await run(call);
    setBusy(false);
    if (ok) onClose();
  };
  return { busy, send };
}

/** The team's report: a note and the files, uploaded one by one before sending (a wrong one can be removed). */
function ReportModal({ c, m, onClose, run }: { c: Challenge; m: Milestone; onClose: () => void; run: Run }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<MilestoneFile[]>([]);
  const { busy, send } = useModalRun(run, onClose);
  const remove = async (f: MilestoneFile) => {
    try {
      await deleteMilestoneFile(c.id, m.n, f.id);
      setFiles((prev) => prev.filter((x) => x.id !== f.id));
      message.success(t('att.deleted'));
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Modal open title={t('ch.report.title', { n: m.n, title: m.title })} okText={t('ch.report.send')} okButtonProps={{ loading: busy, disabled: !note.trim() && files.length === 0 }} onOk={() => void send(() => reportMilestone(c.id, m.n, { note: note.trim(), attachmentIds: files.map((f) => f.id) }))} onCancel={onClose} destroyOnHidden>
      {m.deliverable && <p className="muted">{t('ch.report.deliverable', { deliverable: m.deliverable })}</p>}
      <div style={{ marginBottom: 8 }}>{t('ch.field.note')}</div>
      <Input.TextArea rows={4} value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} data-testid="report-note" />
      <Space style={{ margin: '12px 0 4px' }} wrap>
        <AttachmentUploadButton upload={(file) => uploadMilestoneFile(c.id, m.n, file)} onUploaded={(f) => setFiles((prev) => [...prev, f])} testId="report-upload" />
        <span className="muted">{t('att.hint')}</span>
      </Space>
      <AttachmentFileList size="small" items={files} onDelete={remove} empty={t('ch.report.noFiles')} />
    </Modal>
  );
}

/** Acceptance releases money and cannot be undone: the modal says what will happen before the button does it. */
function AcceptModal({ c, m, onClose, run }: { c: Challenge; m: Milestone; onClose: () => void; run: Run }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const [comment, setComment] = useState('');
  const { busy, send } = useModalRun(run, onClose);
  const team = c.milestones.filter((x) => x.bidId === m.bidId);
  const lastOfTeam = team.every((x) => x.n === m.n || x.status === 'accepted');
  const lastOfChallenge = lastOfTeam && c.milestones.every((x) => x.bidId === m.bidId || x.status === 'accepted' || x.status === 'stopped');
  return (
    <Modal open title={t('ch.accept.title', { n: m.n, title: m.title })} okText={t('ch.accept.confirm', { amount: L.money(m.amount) })} okButtonProps={{ loading: busy }} onOk={() => void send(() => acceptMilestone(c.id, m.n, { bidId: m.bidId, comment: comment.trim() }))} onCancel={onClose} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('ch.accept.irrevocable')}
        data-testid="accept-consequences"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>{t('ch.accept.release', { team: m.organization.name ?? '', amount: L.money(m.amount), share: L.percent(m.share) })}</li>
            <li>{t(c.scheme === 'bounty' ? 'ch.accept.bountyPaid' : 'ch.accept.policy')}</li>
            {lastOfTeam && <li>{t('ch.accept.teamDone', { team: m.organization.name ?? '' })}</li>}
            {lastOfChallenge && <li>{t('ch.accept.completed')}</li>}
            <li>{t('ch.accept.notify')}</li>
          </ul>
        }
      />
      <div style={{ marginBottom: 12 }}>
        <strong>{t('ch.accept.report')}</strong>：<span className="milestone-report">{m.reportNote || t('ch.msboard.noNote')}</span>
        {m.attachments.length > 0 ? <AttachmentFileList size="small" items={m.attachments} /> : <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('ch.accept.noFiles')} />}
      </div>
      <div style={{ marginBottom: 8 }}>{t('ch.field.comment')}</div>
      <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} data-testid="accept-comment" />
    </Modal>
  );
}

function ReturnModal({ c, m, onClose, run }: { c: Challenge; m: Milestone; onClose: () => void; run: Run }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, send } = useModalRun(run, onClose);
  return (
    <Modal open title={t('ch.action.return')} okButtonProps={{ loading: busy, danger: true, disabled: !reason.trim() }} okText={t('ch.action.return')} onOk={() => void send(() => returnMilestone(c.id, m.n, { bidId: m.bidId, reason: reason.trim() }))} onCancel={onClose} destroyOnHidden>
      <p className="muted">{t('ch.return.hint')}</p>
      <div style={{ marginBottom: 8 }}>{t('ch.field.reason')}</div>
      <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="return-reason" />
    </Modal>
  );
}
