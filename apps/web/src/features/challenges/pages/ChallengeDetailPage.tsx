import { FileExcelOutlined } from '@ant-design/icons';
import { AWARD_NOTICE_DAYS } from '@kzt/shared';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Input, List, Modal, Result, Row, Space, Spin, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import {
  awardChallenge,
  challengeExportUrl,
  checkBid,
  declareConflict,
  fetchChallenge,
  fetchPanelCandidates,
  iso,
  reviewChallenge,
  setPanel,
  terminateChallenge,
  type Bid,
  type Challenge,
  type PanelCandidate,
} from '../api.ts';
import { AwardNotice } from '../components/AwardNotice.tsx';
import { BountyPayments } from '../components/BountyPayments.tsx';
import { MilestoneBoard } from '../components/MilestoneBoard.tsx';
import { ChallengeResults } from '../components/ChallengeResults.tsx';
import { CrowdTasks } from '../components/CrowdTasks.tsx';
import { AvoidReasons, PanelConflicts, ReplaceModal } from '../components/PanelConflicts.tsx';
import { StageGateButton } from '../components/StageGate.tsx';
import { SchemeTag, StatusTag, useChallengeLabels } from '../labels.tsx';

/** A question for one line of text (a reason, a note), answered in a modal. */
type Prompt = { title: string; label: string; required: boolean; run: (text: string) => Promise<unknown> };

/** One challenge: its terms, timeline, winners; for participants the bids, the panel and the milestone board, with the buttons the server allows. */
export function ChallengeDetailPage({ focus }: { focus?: 'milestones' }) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useChallengeLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const res = useAsync((signal) => fetchChallenge(id, signal), [id]);
  const [c, setC] = useState<Challenge>();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [awardOpen, setAwardOpen] = useState(false);
  const [replacing, setReplacing] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => setC(res.data), [res.data]);
  useEffect(() => {
    if (c) document.title = `${c.title} · ${t('ch.board.title')}`;
  }, [c, t]);
  useEffect(() => {
    if (focus === 'milestones' && c) document.getElementById('milestones')?.scrollIntoView();
  }, [focus, c]);

  if (res.error instanceof ApiError) return <Result status={res.error.status === 404 ? '404' : 'error'} title={res.error.detail} extra={<Link to="/challenges">{t('ch.board.title')}</Link>} />;
  if (!c) return <Spin style={{ display: 'block', margin: 48 }} />;

  const can = (a: string) => c.allowedActions.includes(a);
  const act = async (run: () => Promise<Challenge | Bid>, done?: string) => {
    setBusy(true);
    try {
      const out = await run();
      if ('allowedActions' in out && 'timeline' in out) setC(out as Challenge);
      else await res.reload();
      if (done) message.success(done);
      return true;
    } catch (e) {
      onError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const ask = (title: MessageKey, label: MessageKey, required: boolean, run: (text: string) => Promise<Challenge | Bid>) => {
    setText('');
    setPrompt({ title: t(title), label: t(label), required, run: (s) => act(() => run(s)) });
  };

  const deadline = iso(c.deadline);
  const panelIds = c.panel?.map((p) => p.id) ?? [];
  const myBid = c.bids.find((b) => b.mine);
  const board = <MilestoneBoard c={c} focus={focus === 'milestones'} run={(call) => act(call)} />;

  return (
    <div className="container stack" data-testid="challenge-detail">
      <Card>
        <div className="record-tags">
          <SchemeTag scheme={c.scheme} />
          {c.kind && <Tag>{L.kind(c.kind)}</Tag>}
          <StatusTag c={c} />
        </div>
        <h1 style={{ margin: '8px 0' }} data-testid="challenge-title">
          {c.title}
        </h1>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('ch.field.organization')}>{c.organization?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ch.field.jurisdiction')}>{c.jurisdiction.name}</Descriptions.Item>
          <Descriptions.Item label={t('ch.field.bounty')}>
            <strong className="price">{L.money(c.bounty)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('ch.field.deadline')}>{formatDateTime(deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('ch.field.bids')}>{c.bidCount}</Descriptions.Item>
        </Descriptions>
        {c.status === 'rejected' && c.reviewReason && <Alert type="warning" showIcon title={t('ch.detail.reviewReason', { reason: c.reviewReason })} />}
        {c.status === 'terminated' && <Alert type="info" showIcon title={t('ch.detail.terminated', { reason: c.terminationReason ?? '' })} />}
        <Space wrap style={{ marginTop: 12 }} data-testid="challenge-actions">
          {can('review') && (
            <>
              <Button type="primary" loading={busy} onClick={() => void act(() => reviewChallenge(c.id, { decision: 'approve' }), t('ch.action.approve'))} data-testid="challenge-approve">
                {t('ch.action.approve')}
              </Button>
              <Button danger onClick={() => ask('ch.action.reject', 'ch.field.reason', true, (r) => reviewChallenge(c.id, { decision: 'reject', reason: r }))}>
                {t('ch.action.reject')}
              </Button>
            </>
          )}
          {can('bid') && (
            <Button type="primary" onClick={() => navigate(`/challenges/${c.id}/bid`)} data-testid="challenge-bid">
              {t('ch.action.bid')}
            </Button>
          )}
          {can('setPanel') && <Button onClick={() => setPanelOpen(true)}>{t('ch.action.setPanel')}</Button>}
          {can('score') && (
            <Button type="primary" onClick={() => navigate(`/challenges/${c.id}/score`)} data-testid="challenge-score">
              {t('ch.action.score')}
            </Button>
          )}
          {can('award') && (
            <Button type="primary" onClick={() => setAwardOpen(true)} data-testid="challenge-award">
              {t('ch.action.award')}
            </Button>
          )}
          <StageGateButton c={c} act={(run) => act(run)} />
          {can('declareConflict') && <Button onClick={() => ask('ch.action.declareConflict', 'ch.field.reason', true, (r) => declareConflict(c.id, r))}>{t('ch.action.declareConflict')}</Button>}
          {can('export') && (
            <Button icon={<FileExcelOutlined />} href={challengeExportUrl(c.id)} title={t('ch.export.oneHint')} data-testid="challenge-export">
              {t('ch.export.one')}
            </Button>
          )}
          {can('terminate') && (
            <Button danger onClick={() => ask('ch.action.terminate', 'ch.field.reason', true, (r) => terminateChallenge(c.id, r))} data-testid="challenge-terminate">
              {t('ch.action.terminate')}
            </Button>
          )}
        </Space>
      </Card>

      {focus === 'milestones' && board}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('ch.field.description')} size="small">
              <p style={{ whiteSpace: 'pre-wrap' }}>{c.description || '—'}</p>
              {c.requirements && (
                <>
                  <h4>{t('ch.field.requirements')}</h4>
                  <p style={{ whiteSpace: 'pre-wrap' }}>{c.requirements}</p>
                </>
              )}
              <h4>{t('ch.field.criteria')}</h4>
              <Space wrap>
                {c.criteria.map((k) => (
                  <Tag key={k.key}>
                    {L.criterion(k)} · {L.percent(k.weight)}
                  </Tag>
                ))}
              </Space>
            </Card>
            {c.winners.length > 0 && (
              <Card title={t('ch.detail.winners')} size="small" data-testid="challenge-winners">
                <List
                  dataSource={c.winners}
                  renderItem={(w) => (
                    <List.Item>
                      <Space wrap>
                        <strong>{w.organization.name}</strong>
                        <span>
                          {t('ch.field.budget')} {L.money(w.budget)}
                        </span>
                        {w.mean != null && <Tag color="blue">{w.mean}</Tag>}
                        {(c.panel != null || c.bids.some((b) => b.mine && b.id === w.bidId)) && (
                          <Link to={`/challenges/${c.id}/agreement/${w.bidId}`} data-testid="agreement-link">
                            {t(c.scheme === 'jiebang_guashuai' ? 'ch.agreement.openPledge' : 'ch.agreement.open')}
                          </Link>
                        )}
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <ChallengeResults c={c} />
            <BountyPayments c={c} onChange={setC} />
            {c.scheme === 'crowdsourcing' && <CrowdTasks c={c} />}
            <AwardNotice c={c} onChange={(next) => (next ? setC(next) : res.reload())} />
            {c.bids.length > 0 && (
              <Card title={myBid && c.bids.length === 1 ? t('ch.detail.myBid') : t('ch.detail.bids')} size="small" data-testid="challenge-bids">
                <List dataSource={c.bids} renderItem={(b) => <BidItem b={b} busy={busy} onCheck={(decision) => (decision === 'pass' ? void act(() => checkBid(c.id, b.id, { decision })) : ask('ch.action.fail', 'ch.field.reason', true, (r) => checkBid(c.id, b.id, { decision, reason: r })))} />} />
              </Card>
            )}
            {focus !== 'milestones' && board}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <PanelConflicts c={c} run={(call) => act(call)} />
            {c.panel && (
              <Card title={t('ch.detail.panel')} size="small">
                {c.panel.length === 0 ? (
                  <span className="muted">{t('ch.detail.noPanel')}</span>
                ) : (
                  <List
                    size="small"
                    dataSource={c.panel}
                    renderItem={(p) => (
                      <List.Item
                        data-testid="panel-member"
                        actions={
                          p.allowedActions.includes('replace')
                            ? [
                                <Button key="replace" size="small" onClick={() => setReplacing(p)} data-testid="panel-member-replace">
                                  {t('ch.conflicts.replace')}
                                </Button>,
                              ]
                            : []
                        }
                      >
                        <span>
                          {p.name} <Tag color={p.scoredAll ? 'success' : 'default'}>{t(p.scoredAll ? 'ch.detail.scoredAll' : 'ch.detail.scoring')}</Tag>
                        </span>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            )}
            <Card title={t('ch.detail.timeline')} size="small" data-testid="challenge-timeline">
              {c.timeline.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Timeline items={c.timeline.map((e) => ({ content: <><div>{L.timeline(e)}</div><div className="muted">{formatDateTime(iso(e.at))}</div></> }))} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>

      <Modal open={!!prompt} title={prompt?.title} okButtonProps={{ disabled: !!prompt?.required && !text.trim(), loading: busy }} onCancel={() => setPrompt(null)} onOk={() => prompt && void prompt.run(text.trim()).then((ok) => ok && setPrompt(null))} destroyOnHidden>
        <div style={{ marginBottom: 8 }}>{prompt?.label}</div>
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} data-testid="prompt-text" />
      </Modal>
      <PanelModal open={panelOpen} onClose={() => setPanelOpen(false)} run={(ids) => act(() => setPanel(c.id, ids))} challengeId={c.id} current={panelIds} />
      {replacing && <ReplaceModal c={c} expert={replacing} defaultReason="" onClose={() => setReplacing(null)} run={(call) => act(call)} />}
      <AwardModal open={awardOpen} onClose={() => setAwardOpen(false)} c={c} run={(ids, note) => act(() => awardChallenge(c.id, ids, note))} />
    </div>
  );
}

function BidItem({ b, busy, onCheck }: { b: Bid; busy: boolean; onCheck: (decision: 'pass' | 'fail') => void }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  return (
    <List.Item data-testid="bid-item">
      <div style={{ width: '100%' }}>
        <Space wrap>
          <strong>{b.organization.name}</strong>
          <Tag>{L.check(b.check.status)}</Tag>
          {b.outcome.status !== 'pending' && <Tag color={b.outcome.status === 'won' ? 'success' : 'default'}>{L.outcome(b.outcome.status)}</Tag>}
          <span>
            {t('ch.field.budget')} {L.money(b.budget)}
          </span>
        </Space>
        {b.result?.mean != null && b.result.spread && (
          <div className="muted">{t('ch.detail.result', { mean: b.result.mean, scored: b.result.scored, experts: b.result.experts, min: b.result.spread.min, max: b.result.spread.max })}</div>
        )}
        {b.outcome.reason && <Alert style={{ marginTop: 6 }} type={b.outcome.status === 'won' ? 'success' : 'info'} title={b.outcome.reason} />}
        <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{b.plan}</div>
        <div className="muted">{b.team}</div>
        <div className="muted" style={{ marginTop: 4 }}>
          {b.milestones.map((m) => `${m.n}. ${m.title}（${formatDate(m.dueOn)}，${L.percent(m.share)}）`).join('；')}
        </div>
        {b.allowedActions.includes('check') && (
          <Space style={{ marginTop: 6 }}>
            <Button size="small" type="primary" loading={busy} onClick={() => onCheck('pass')} data-testid="bid-pass">
              {t('ch.action.pass')}
            </Button>
            <Button size="small" danger onClick={() => onCheck('fail')}>
              {t('ch.action.fail')}
            </Button>
          </Space>
        )}
      </div>
    </List.Item>
  );
}

/** The panel picker: the expert pool with each expert's avoidance reasons; those to avoid cannot be ticked. */
function PanelModal({ open, onClose, run, challengeId, current }: { open: boolean; onClose: () => void; run: (ids: string[]) => Promise<boolean>; challengeId: string; current: string[] }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const pool = useAsync((signal) => (open ? fetchPanelCandidates(challengeId, q.trim() || undefined, signal) : Promise.resolve({ items: [] as PanelCandidate[] })), [open, challengeId, q]);
  const currentKey = current.join(',');
  useEffect(() => {
    if (open) setIds(currentKey ? currentKey.split(',') : []);
  }, [open, currentKey]);
  const items = pool.data?.items ?? [];
  return (
    <Modal open={open} title={t('ch.action.setPanel')} onCancel={onClose} okButtonProps={{ disabled: ids.length === 0 }} onOk={() => void run(ids).then((ok) => ok && onClose())} destroyOnHidden width={640}>
      <p className="muted">{t('ch.panel.hint')}</p>
      <Input.Search allowClear placeholder={t('ch.panel.search')} onSearch={(v) => setQ(v)} style={{ marginBottom: 8 }} data-testid="panel-search" />
      <div className="muted" style={{ marginBottom: 4 }}>{t('ch.panel.selected', { n: ids.length })}</div>
      <List<PanelCandidate>
        size="small"
        loading={pool.loading}
        locale={{ emptyText: t('ch.panel.none') }}
        dataSource={items}
        style={{ maxHeight: '50vh', overflowY: 'auto' }}
        renderItem={(e) => (
          <List.Item data-testid="panel-candidate">
            <div style={{ width: '100%' }}>
              <Checkbox
                checked={ids.includes(e.id)}
                disabled={e.reasons.length > 0 && !ids.includes(e.id)}
                onChange={(ev) => setIds((prev) => (ev.target.checked ? [...prev, e.id] : prev.filter((x) => x !== e.id)))}
              >
                <strong>{e.name}</strong> <span className="muted">{e.organizations.join('、')}</span>
              </Checkbox>
              <AvoidReasons reasons={e.reasons} />
            </div>
          </List.Item>
        )}
      />
    </Modal>
  );
}

function AwardModal({ open, onClose, c, run }: { open: boolean; onClose: () => void; c: Challenge; run: (ids: string[], note: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const [ids, setIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  // Best scored first: the panel's result is what the award follows, or explains departing from.
  const candidates = c.bids.filter((b) => b.check.status === 'passed').sort((x, y) => (y.result?.mean ?? -1) - (x.result?.mean ?? -1));
  const chosen = candidates.filter((b) => ids.includes(b.id));
  const best = candidates[0];
  const passedOver = best?.result?.mean != null && chosen.length > 0 && !ids.includes(best.id) ? best : null;
  const others = c.bids.length - chosen.length;
  const total = chosen.reduce((s, b) => s + b.budget, 0);
  return (
    <Modal open={open} title={t('ch.action.award')} okText={t('ch.award.confirm', { n: chosen.length })} onCancel={onClose} okButtonProps={{ disabled: ids.length === 0 }} onOk={() => void run(ids, note.trim()).then((ok) => ok && onClose())} destroyOnHidden>
      <p className="muted">{t('ch.award.hint')}</p>
      <Checkbox.Group value={ids} onChange={(v) => setIds(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {candidates.map((b) => (
          <Checkbox key={b.id} value={b.id} data-testid="award-candidate">
            {b.organization.name} · {L.money(b.budget)} {b.result?.mean != null && <Tag color="blue">{b.result.mean}</Tag>}
          </Checkbox>
        ))}
      </Checkbox.Group>
      <div style={{ marginTop: 12 }}>{t('ch.field.note')}</div>
      <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      {chosen.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="award-consequences"
          title={t('ch.award.willHappen')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              <li>{t('ch.award.notice', { names: chosen.map((b) => b.organization.name).join('、'), total: L.money(total), days: AWARD_NOTICE_DAYS })}</li>
              <li>{t(c.scheme === 'jiebang_guashuai' ? 'ch.award.finalPledge' : 'ch.award.final')}</li>
              {others > 0 && <li>{t('ch.award.others', { n: others })}</li>}
              {passedOver && <li data-testid="award-passed-over">{t('ch.award.passedOver', { name: passedOver.organization.name ?? '', mean: passedOver.result!.mean! })}</li>}
              <li>{t('ch.award.once')}</li>
            </ul>
          }
        />
      )}
    </Modal>
  );
}
