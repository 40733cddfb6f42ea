import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { yuanToFen } from '../../../lib/money.ts';
import { dayjs, formatDateTime, toApiInstant, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { iso, type Challenge } from '../api.ts';
import { useChallengeLabels } from '../labels.tsx';
import { acceptSubmission, createTask, fetchSubmissions, fetchTasks, returnSubmission, submitToTask, type ChallengeTask, type TaskSubmission } from '../tasksApi.ts';

const STATUS_COLOR = { submitted: 'processing', accepted: 'success', returned: 'default' } as const;
const todayShanghai = () => dayjs().tz(TZ).format('YYYY-MM-DD');

/**
 * 研发众包: the tasks of a crowdsourcing challenge with the money they commit;
 * the poser adds tasks and accepts (recording the reward paid) or returns each
 * submission; verified organisations submit to open tasks. The buttons are
 * those the server allows.
 */
export function CrowdTasks({ c }: { c: Challenge }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const res = useAsync((signal) => fetchTasks(c.id, signal), [c.id]);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [submitTo, setSubmitTo] = useState<ChallengeTask | null>(null);
  const list = res.data;
  const reload = () => {
    setVersion((v) => v + 1);
    void res.reload();
  };

  const add = useFormModal<{ title: string; description?: string; reward: string; quota?: number; deadline?: dayjs.Dayjs }>({
    action: (v) => createTask(c.id, { title: v.title, description: v.description ?? '', reward: yuanToFen(v.reward)!, quota: v.quota ?? 1, deadline: v.deadline ? toApiInstant(v.deadline) : null }),
    success: t('ch.task.added'),
    onDone: reload,
  });
  const submit = useFormModal<{ organizationId: string; text: string }, TaskSubmission>({
    controlled: { open: !!submitTo, onClose: () => setSubmitTo(null) },
    action: (v) => submitToTask(c.id, submitTo!.id, v),
    success: t('ch.task.submitted'),
    onDone: (s) => {
      setOpenTask(s.taskId);
      reload();
    },
  });

  if (!list) return null;
  const b = list.budget;
  return (
    <Card
      title={t('ch.task.title')}
      size="small"
      data-testid="crowd-tasks"
      extra={
        list.allowedActions.includes('createTask') && (
          <Button size="small" type="primary" onClick={() => add.open({ quota: 1 })} data-testid="task-add">
            {t('ch.task.add')}
          </Button>
        )
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {t('ch.task.lead')}
      </p>
      <Alert type="info" showIcon title={t('ch.task.budget', { committed: L.money(b.committed), bounty: L.money(b.bounty), paid: L.money(b.paid) })} style={{ marginBottom: 12 }} data-testid="task-budget" />
      {!list.resultsPublic && <Typography.Paragraph type="secondary">{t('ch.task.private')}</Typography.Paragraph>}
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ch.task.empty')} />
      ) : (
        <List
          dataSource={list.items}
          renderItem={(task) => (
            <List.Item key={task.id} style={{ display: 'block' }} data-testid="task-item">
              <Space wrap align="center">
                <strong>
                  {task.n}. {task.title}
                </strong>
                <Tag color="gold">{t('ch.task.reward', { amount: L.money(task.reward) })}</Tag>
                <Tag>{t('ch.task.places', { accepted: task.accepted, quota: task.quota })}</Tag>
                <Tag color={task.open ? 'green' : 'default'}>{t(task.open ? 'ch.task.open' : task.accepted >= task.quota ? 'ch.task.full' : 'ch.task.closed')}</Tag>
                <span className="muted">{t('ch.task.closes', { at: formatDateTime(iso(task.deadline)) })}</span>
              </Space>
              {task.description && <div style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }}>{task.description}</div>}
              <Space wrap style={{ marginTop: 4 }}>
                {task.allowedActions.includes('submit') && (
                  <Button size="small" type="primary" onClick={() => (setSubmitTo(task), submit.form.setFieldsValue({ organizationId: task.submitAs[0]?.id }))} data-testid="task-submit">
                    {t('ch.task.submit')}
                  </Button>
                )}
                <Button size="small" onClick={() => setOpenTask(openTask === task.id ? null : task.id)} data-testid="task-submissions-toggle">
                  {t('ch.task.showSubmissions', { n: task.submissions })}
                </Button>
              </Space>
              {openTask === task.id && <Submissions key={version} c={c} task={task} resultsPublic={list.resultsPublic} onChange={reload} />}
            </List.Item>
          )}
        />
      )}

      <Modal {...add.modalProps} title={t('ch.task.add')} destroyOnHidden data-testid="task-add-modal">
        <Alert type="info" showIcon title={t('ch.task.remaining', { amount: L.money(b.remaining) })} style={{ marginBottom: 12 }} />
        <Form form={add.form} layout="vertical">
          <Form.Item name="title" label={t('ch.task.field.title')} rules={[{ required: true, whitespace: true, message: t('ch.task.field.title') }]}>
            <Input maxLength={200} data-testid="task-title" />
          </Form.Item>
          <Form.Item name="description" label={t('ch.task.field.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="reward" label={t('ch.task.field.reward')} rules={[{ required: true, message: t('ch.task.field.reward') }, { validator: (_, v) => ((yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('0.01'))) }]}>
            <Input inputMode="decimal" suffix="元" data-testid="task-reward" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="quota" label={t('ch.task.field.quota')}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="deadline" label={t('ch.task.field.deadline')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>

      <Modal {...submit.modalProps} title={submitTo ? t('ch.task.submitTitle', { task: submitTo.title }) : ''} destroyOnHidden data-testid="task-submit-modal">
        <Form form={submit.form} layout="vertical">
          <Form.Item name="organizationId" label={t('ch.task.submitAs')} rules={[{ required: true, message: t('ch.task.submitAs') }]}>
            <Select options={(submitTo?.submitAs ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="text" label={t('ch.task.text')} rules={[{ required: true, whitespace: true, message: t('ch.task.text') }]}>
            <Input.TextArea rows={6} maxLength={10_000} showCount data-testid="task-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** A task's submissions the caller sees, with accept (stating what it records) and return for the poser. */
function Submissions({ c, task, resultsPublic, onChange }: { c: Challenge; task: ChallengeTask; resultsPublic: boolean; onChange: () => void }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const res = useAsync((signal) => fetchSubmissions(c.id, task.id, signal), [c.id, task.id]);
  const [accepting, setAccepting] = useState<TaskSubmission | null>(null);
  const [returning, setReturning] = useState<TaskSubmission | null>(null);
  const accept = useFormModal<{ paidOn: string; reference: string; comment?: string }>({
    controlled: { open: !!accepting, onClose: () => setAccepting(null) },
    action: (v) => acceptSubmission(c.id, task.id, accepting!.id, v),
    success: t('ch.task.accepted'),
    onDone: onChange,
  });
  const ret = useFormModal<{ reason: string }>({
    controlled: { open: !!returning, onClose: () => setReturning(null) },
    action: (v) => returnSubmission(c.id, task.id, returning!.id, v.reason),
    success: t('ch.task.returned'),
    onDone: onChange,
  });
  const paidOn = Form.useWatch('paidOn', accept.form);
  const items = res.data?.items;
  if (!items) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid="task-submissions">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('ch.task.noSubmissions')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={items}
          renderItem={(s) => (
            <List.Item key={s.id} style={{ display: 'block' }} data-testid="task-submission">
              <Space wrap>
                <strong>{s.organization.name}</strong>
                <Tag color={STATUS_COLOR[s.status]}>{t(`ch.task.status.${s.status}`)}</Tag>
                <span className="muted">{formatDateTime(iso(s.submittedAt))}</span>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{s.text}</div>
              {s.payment && <div className="muted">{t('ch.task.paid', { amount: L.money(s.payment.amount), on: s.payment.paidOn, reference: s.payment.reference })}</div>}
              {s.decisionNote && <div className="muted">{s.decisionNote}</div>}
              {s.allowedActions.length > 0 && (
                <Space style={{ marginTop: 4 }}>
                  {s.allowedActions.includes('accept') && (
                    <Button size="small" type="primary" onClick={() => (setAccepting(s), accept.form.setFieldsValue({ paidOn: todayShanghai() }))} data-testid="submission-accept">
                      {t('ch.task.accept')}
                    </Button>
                  )}
                  {s.allowedActions.includes('return') && (
                    <Button size="small" danger onClick={() => setReturning(s)} data-testid="submission-return">
                      {t('ch.task.return')}
                    </Button>
                  )}
                </Space>
              )}
            </List.Item>
          )}
        />
      )}

      <Modal {...accept.modalProps} title={accepting ? t('ch.task.acceptTitle', { org: accepting.organization.name }) : ''} okText={t('ch.task.accept')} destroyOnHidden data-testid="submission-accept-modal">
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ch.task.acceptWhat', { on: paidOn || '—', org: accepting?.organization.name ?? '', amount: L.money(task.reward), visible: t(resultsPublic ? 'ch.task.acceptPublic' : 'ch.task.acceptPrivate') })}
          data-testid="submission-accept-what"
        />
        <Form form={accept.form} layout="vertical">
          <Form.Item name="paidOn" label={t('ch.task.paidOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="submission-paid-on" />
          </Form.Item>
          <Form.Item name="reference" label={t('ch.task.reference')} rules={[{ required: true, whitespace: true, message: t('ch.task.reference') }]}>
            <Input maxLength={100} data-testid="submission-reference" />
          </Form.Item>
          <Form.Item name="comment" label={t('ch.task.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal {...ret.modalProps} title={returning ? t('ch.task.returnTitle', { org: returning.organization.name }) : ''} okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={ret.form} layout="vertical">
          <Form.Item name="reason" label={t('ch.task.reason')} rules={[{ required: true, whitespace: true, message: t('ch.task.reason') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="submission-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
