import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchAgreement, iso, signAgreement, type Agreement } from '../api.ts';
import { useChallengeLabels } from '../labels.tsx';

/**
 * The winning plan as the agreement: for 揭榜挂帅 the responsibility pledge
 * (军令状), for the other schemes the task agreement. A print-friendly page
 * (print or save as PDF from the browser) with the parties, the funding, the
 * milestones with their amounts and due dates, the pledges and the lines to
 * sign and seal; the winning team signs it online once the award is final.
 */
export function AgreementPage() {
  const { id = '', bidId = '' } = useParams();
  const { t } = useI18n();
  const L = useChallengeLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const res = useAsync((signal) => fetchAgreement(id, bidId, signal), [id, bidId]);
  const [a, setA] = useState<Agreement>();
  const [signOpen, setSignOpen] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setA(res.data), [res.data]);
  const title = a ? t((a.kind === 'pledge' ? 'ch.agreement.pledge' : `ch.agreement.${a.scheme}`) as MessageKey) : '';
  useEffect(() => {
    if (a) document.title = `${title} · ${a.challengeTitle}`;
  }, [a, title]);

  if (res.error instanceof ApiError) return <div className="container"><Alert type="error" showIcon title={res.error.detail} /></div>;
  if (!a) return <div className="container"><Card loading /></div>;

  const sign = async () => {
    setBusy(true);
    try {
      setA(await signAgreement(a.challengeId, a.bidId));
      setSignOpen(false);
      message.success(t('ch.agreement.signed'));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const row = (label: string, value: React.ReactNode) => (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
  const total = a.milestones.reduce((s, m) => s + m.amount, 0);
  return (
    <div className="container agreement-page" data-testid="challenge-agreement">
      <Space className="no-print agreement-tools" wrap>
        <Link to={`/challenges/${a.challengeId}`}>{t('ch.agreement.back')}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="agreement-print">
          {t('ch.agreement.print')}
        </Button>
        {a.allowedActions.includes('sign') && (
          <Button type="primary" onClick={() => setSignOpen(true)} data-testid="agreement-sign">
            {t('ch.agreement.sign')}
          </Button>
        )}
      </Space>
      {!a.final && <Alert className="no-print" type="warning" showIcon title={t('ch.agreement.draft')} style={{ marginBottom: 12 }} />}
      <article className="agreement-doc">
        {!a.final && <div className="agreement-watermark" aria-hidden>草稿</div>}
        <h1 data-testid="agreement-title">{title}</h1>
        <table className="agreement-facts">
          <tbody>
            {row(t('ch.agreement.challenge'), a.challengeTitle)}
            {row(t('ch.agreement.issuer'), a.issuer.name)}
            {row(t('ch.agreement.poser'), a.poser?.name ?? '—')}
            {row(t('ch.agreement.solver'), <strong>{a.solver.name}</strong>)}
            {row(t('ch.agreement.team'), <span className="pre">{a.team}</span>)}
            {row(t('ch.agreement.budget'), <strong data-testid="agreement-budget">{L.money(a.budget)}</strong>)}
            {a.bounty != null && row(t('ch.agreement.bountyAmount'), L.money(a.bounty))}
            {row(t('ch.agreement.completeBy'), a.completeBy ? formatDate(a.completeBy) : '—')}
            {row(t('ch.agreement.awardedAt'), formatDateTime(iso(a.awardedAt)))}
          </tbody>
        </table>
        {a.requirements && (
          <section>
            <h2>{t('ch.agreement.goal')}</h2>
            <p className="pre">{a.requirements}</p>
          </section>
        )}
        <section>
          <h2>{t('ch.agreement.plan')}</h2>
          <p className="pre">{a.plan}</p>
        </section>
        <section>
          <h2>{t('ch.agreement.milestones')}</h2>
          <div className="agreement-table-wrap">
            <table className="agreement-milestones" data-testid="agreement-milestones">
              <thead>
                <tr>
                  <th>{t('ch.agreement.n')}</th>
                  <th>{t('ch.agreement.milestone')}</th>
                  <th>{t('ch.field.dueOn')}</th>
                  <th>{t('ch.field.share')}</th>
                  <th>{t('ch.agreement.amount')}</th>
                  <th>{t('ch.field.deliverable')}</th>
                </tr>
              </thead>
              <tbody>
                {a.milestones.map((m) => (
                  <tr key={m.n}>
                    <td>{m.n}</td>
                    <td>{m.title}</td>
                    <td className="nowrap">{formatDate(m.dueOn)}</td>
                    <td>{L.percent(m.share)}</td>
                    <td className="nowrap">{L.money(m.amount)}</td>
                    <td>{m.deliverable || '—'}</td>
                  </tr>
                ))}
                <tr className="agreement-total">
                  <td colSpan={3}>{t('ch.agreement.total')}</td>
                  <td>100%</td>
                  <td className="nowrap">{L.money(total)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
        </section>
        <section>
          <h2>{t('ch.agreement.pledges')}</h2>
          <ol className="agreement-clauses" data-testid="agreement-clauses">
            {a.clauses.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        </section>
        {a.signed && (
          <p className="agreement-signed" data-testid="agreement-signed">
            {t('ch.agreement.signedOnline', { name: a.signed.by, at: formatDateTime(iso(a.signed.at)) })}
          </p>
        )}
        <div className="agreement-seals">
          {[t('ch.agreement.signSolver'), ...(a.poser ? [t('ch.agreement.signPoser')] : []), t('ch.agreement.signIssuer')].map((s) => (
            <div key={s}>
              <div>{s}</div>
              <div className="agreement-line">{t('ch.agreement.leader')}</div>
              <div className="agreement-line">{t('ch.agreement.date')}</div>
            </div>
          ))}
        </div>
        {a.poser && (
          <p className="agreement-note no-print">
            {t('ch.agreement.contract')} <Link to="/contracts">{t('ch.agreement.contracts')}</Link>
          </p>
        )}
      </article>
      <Modal open={signOpen} title={`${t('ch.agreement.sign')}${t('common.colon')}${title}`} okText={t('ch.agreement.sign')} okButtonProps={{ disabled: !agreed, loading: busy }} onCancel={() => setSignOpen(false)} onOk={() => void sign()} destroyOnHidden>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="agreement-confirm">
          {t('ch.agreement.signConfirm')}
        </Checkbox>
      </Modal>
    </div>
  );
}
