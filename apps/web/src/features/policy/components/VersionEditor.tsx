import { BENEFICIARY_ROLES, PARTY_TYPES, POLICY_EVENT_TYPES, RULE_KINDS, RULE_MODES, policyRule, shanghaiToday } from '@kzt/shared';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Collapse, Drawer, Form, Input, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import type { PolicyRulesResponse } from '../api.ts';
import { publishPackVersion } from '../api.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { diffRules, formFieldOf, formToRule, ruleToForm, yuanTextToFen, type RuleDiff, type RuleFormValues } from '../ruleForm.ts';

type Pack = PolicyRulesResponse['packs'][number];
type Values = { version: string; name: string; validFrom: string; validTo?: string; rules: RuleFormValues[] };
type Pending = { version: string; name: string; validFrom: string; validTo: string | null; rules: Record<string, unknown>[]; diff: RuleDiff };

const BASES = policyRule.shape.base.options;
const CONTRACT_KINDS = ['development', 'transfer', 'service', 'consulting'] as const;
/** A changed field of the diff, by the label of the form field it is edited in. */
const DIFF_LABEL: Record<string, MessageKey> = {
  rateBp: 'pol.ed.ratePct',
  itemCap: 'pol.ed.itemCapYuan',
  yearlyCap: 'pol.ed.yearlyCapYuan',
  totalCap: 'pol.ed.totalCapYuan',
  title: 'pol.ed.title',
  kind: 'pol.ed.kind',
  mode: 'pol.ed.mode',
  trigger: 'pol.ed.trigger',
  beneficiary: 'pol.ed.beneficiary',
  base: 'pol.ed.base',
  noStackingGroup: 'pol.ed.noStackingGroup',
  budgetLine: 'pol.ed.budgetLine',
  'conditions.beneficiaryTypes': 'pol.ed.beneficiaryTypes',
  'conditions.sellerTypes': 'pol.ed.sellerTypes',
  'conditions.buyerTypes': 'pol.ed.buyerTypes',
  'conditions.localRoles': 'pol.ed.localRoles',
  'conditions.contractKinds': 'pol.ed.contractKinds',
  'conditions.agencyPresent': 'pol.ed.agencyPresent',
  'source.file': 'pol.ed.sourceFile',
  'source.item': 'pol.ed.sourceItem',
  'source.quote': 'pol.ed.sourceQuote',
};

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * An administrator publishes a new version of a pack: it starts as a copy of
 * the current version, each rule edited in fields (rates in %, money in 元),
 * a preview of what changes against the current version is confirmed before
 * publishing (irrevocable: history is never edited), and the server's
 * refusals are shown at the field at fault. The JSON of the rules stays as an
 * advanced view.
 */
export function VersionEditor({ current, onPublished }: { current: Pack; onPublished: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [active, setActive] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<{ name: (string | number)[]; errors: string[] }[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [form] = Form.useForm<Values>();

  // Errors go to their fields once the panels holding them are open (a closed panel's fields are not mounted).
  useEffect(() => {
    if (fieldErrors.length === 0) return;
    const id = setTimeout(() => (form as unknown as FormInstance).setFields(fieldErrors), 0);
    return () => clearTimeout(id);
  }, [fieldErrors, active, mode, form]);

  const start = () => {
    // From today (Beijing), or the day after the current version starts if that is later: a new version may not start on or before it.
    const after = dayAfter(current.validFrom);
    const today = shanghaiToday();
    form.setFieldsValue({ version: String(Number(current.version) + 1 || `${current.version}-2`), name: current.name, validFrom: today > after ? today : after, validTo: '', rules: current.rules.map(ruleToForm) });
    setMode('form');
    setActive([]);
    setProblems([]);
    setFieldErrors([]);
    setJsonError(null);
    setOpen(true);
  };

  const rulesFromForm = (): { rules: Record<string, unknown>[]; bad: { name: (string | number)[]; errors: string[] }[] } => {
    const values = form.getFieldsValue(true) as Values;
    const bad: { name: (string | number)[]; errors: string[] }[] = [];
    const rules = (values.rules ?? []).map((r, i) => {
      const { rule, problems: p } = formToRule(r);
      for (const x of p) bad.push({ name: ['rules', i, x.field], errors: [t(x.key)] });
      return rule;
    });
    return { rules, bad };
  };

  const switchMode = (next: 'form' | 'json') => {
    if (next === mode) return;
    if (next === 'json') {
      setJson(JSON.stringify(rulesFromForm().rules, null, 2));
      setJsonError(null);
      setMode('json');
      return;
    }
    try {
      const parsed: unknown = JSON.parse(json);
      if (!Array.isArray(parsed)) throw new Error('not an array');
      form.setFieldsValue({ rules: parsed.map((r) => ruleToForm(policyRule.parse(r))) });
      setMode('form');
      setJsonError(null);
    } catch {
      setJsonError(t('pol.editor.badJson'));
    }
  };

  const showRefusal = (e: ApiError, rules: Record<string, unknown>[]) => {
    const unplaced: string[] = [];
    const placed: { name: (string | number)[]; errors: string[] }[] = [];
    const open = new Set(active);
    for (const fe of e.errors) {
      const m = /^rules\.(\d+)(?:\.(.+))?$/.exec(fe.path);
      if (m && mode === 'form') {
        const i = Number(m[1]);
        const field = m[2] ? formFieldOf(m[2]) : 'id';
        placed.push({ name: ['rules', i, field], errors: [fe.message] });
        open.add(String(i));
        unplaced.push(`${t('pol.ed.ruleN', { n: i + 1 })}（${String(rules[i]?.['id'] ?? '')}）${t('common.colon')}${fe.message}`);
      } else if (['version', 'name', 'validFrom', 'validTo'].includes(fe.path)) placed.push({ name: [fe.path], errors: [fe.message] });
      else unplaced.push(fe.message);
    }
    setActive([...open]);
    setFieldErrors(placed);
    setProblems([e.detail, ...unplaced.filter((u) => u !== e.detail)]);
  };

  const preview = async () => {
    // A refusal shown earlier is cleared: the server checks the version again on publishing.
    if (fieldErrors.length > 0) (form as unknown as FormInstance).setFields(fieldErrors.map((f) => ({ name: f.name, errors: [] })));
    setProblems([]);
    setFieldErrors([]);
    let head: Values;
    try {
      head = await form.validateFields(['version', 'name', 'validFrom', 'validTo']);
    } catch {
      return;
    }
    let rules: Record<string, unknown>[];
    if (mode === 'json') {
      try {
        const parsed: unknown = JSON.parse(json);
        if (!Array.isArray(parsed)) throw new Error('not an array');
        rules = parsed as Record<string, unknown>[];
      } catch {
        setJsonError(t('pol.editor.badJson'));
        return;
      }
    } else {
      const got = rulesFromForm();
      if (got.bad.length > 0) {
        setActive([...new Set([...active, ...got.bad.map((b) => String(b.name[1]))])]);
        setFieldErrors(got.bad);
        return;
      }
      rules = got.rules;
    }
    setPending({ version: head.version.trim(), name: head.name.trim(), validFrom: head.validFrom, validTo: head.validTo ? head.validTo : null, rules, diff: diffRules(current.rules, rules, lang) });
  };

  const publish = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const { diff: _d, ...body } = pending;
      await publishPackVersion(current.jurisdiction, body);
      message.success(t('pol.editor.done'));
      setPending(null);
      setOpen(false);
      onPublished();
    } catch (e) {
      setPending(null);
      if (e instanceof ApiError) showRefusal(e, pending.rules);
      else message.error(t('common.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const day = [{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }];
  return (
    <>
      <Button onClick={start} data-testid="version-new">
        {t('pol.editor.new')}
      </Button>
      <Drawer
        open={open}
        title={t('pol.editor.title', { name: current.jurisdictionName })}
        onClose={() => setOpen(false)}
        width="min(1100px, 100vw)"
        destroyOnHidden
        data-testid="version-editor"
        extra={
          <Space>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => void preview()} data-testid="version-preview">
              {t('pol.ed.preview')}
            </Button>
          </Space>
        }
      >
        <p style={{ color: '#595959', marginTop: 0 }}>{t('pol.ed.lead')}</p>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('pol.ed.problems')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            }
            data-testid="version-problems"
          />
        )}
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col xs={12} md={4}>
              <Form.Item name="version" label={t('pol.editor.version')} rules={[{ required: true, whitespace: true, message: t('pol.editor.version') }]}>
                <Input maxLength={40} data-testid="version-number" />
              </Form.Item>
            </Col>
            <Col xs={12} md={10}>
              <Form.Item name="name" label={t('pol.editor.name')} rules={[{ required: true, whitespace: true, message: t('pol.editor.name') }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="validFrom" label={t('pol.editor.validFrom')} tooltip={t('pol.editor.validFromHint')} rules={[{ required: true, message: 'YYYY-MM-DD' }, ...day]}>
                <Input placeholder="YYYY-MM-DD" data-testid="version-valid-from" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="validTo" label={t('pol.editor.validTo')} rules={day}>
                <Input placeholder="YYYY-MM-DD" />
              </Form.Item>
            </Col>
          </Row>
          <Segmented
            style={{ marginBottom: 12 }}
            value={mode}
            onChange={(v) => switchMode(v as 'form' | 'json')}
            options={[
              { value: 'form', label: t('pol.ed.formMode') },
              { value: 'json', label: t('pol.ed.jsonMode') },
            ]}
            data-testid="version-mode"
          />
          {mode === 'json' ? (
            <>
              <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} autoSize={{ minRows: 12, maxRows: 30 }} style={{ fontFamily: 'monospace', fontSize: 12 }} status={jsonError ? 'error' : undefined} aria-label={t('pol.editor.rules')} />
              {jsonError && <div style={{ color: '#cf1322', marginTop: 4 }}>{jsonError}</div>}
            </>
          ) : (
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <>
                  <Collapse
                    activeKey={active}
                    onChange={(k) => setActive(Array.isArray(k) ? k : [k])}
                    items={fields.map((f) => ({
                      key: String(f.name),
                      label: <RuleHeader form={form} index={f.name} />,
                      extra: (
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={(e) => { e.stopPropagation(); remove(f.name); }} aria-label={t('pol.ed.removeRule')} />
                      ),
                      children: <RuleFields index={f.name} form={form} />,
                    }))}
                  />
                  <Button
                    icon={<PlusOutlined />}
                    style={{ marginTop: 12 }}
                    onClick={() => {
                      add({ id: '', title: '', kind: 'subsidy', mode: 'computed', trigger: 'contract_registered', beneficiary: 'seller', beneficiaryTypes: [], sellerTypes: [], buyerTypes: [], localRoles: [], contractKinds: [], agencyPresent: false, base: 'technologyAmount', ratePct: '0', itemCapYuan: '', yearlyCapYuan: '', totalCapYuan: '', noStackingGroup: '', budgetLine: '', sourceFile: '', sourceItem: '', sourceQuote: '', rest: '' } satisfies RuleFormValues);
                      setActive([...active, String(fields.length)]);
                    }}
                    data-testid="version-add-rule"
                  >
                    {t('pol.ed.addRule')}
                  </Button>
                </>
              )}
            </Form.List>
          )}
        </Form>
      </Drawer>
      <Modal
        open={pending !== null}
        title={pending ? t('pol.ed.diffTitle', { v: pending.version }) : ''}
        onCancel={() => setPending(null)}
        width={860}
        footer={[
          <Button key="back" onClick={() => setPending(null)}>
            {t('pol.ed.back')}
          </Button>,
          <Button key="ok" type="primary" danger loading={busy} onClick={() => void publish()} data-testid="version-confirm">
            {t('pol.ed.confirm')}
          </Button>,
        ]}
      >
        {pending && <DiffView pending={pending} current={current} />}
      </Modal>
    </>
  );
}

function RuleHeader({ form, index }: { form: FormInstance<Values>; index: number }) {
  const { t } = useI18n();
  const r = Form.useWatch(['rules', index], { form, preserve: true }) as RuleFormValues | undefined;
  if (!r) return null;
  const yuan = (v: string) => (v ? `${v} 元` : null);
  return (
    <Space wrap size={[6, 4]} data-testid={`version-rule-${r.id}`}>
      <Typography.Text strong>{r.title || t('pol.ed.ruleN', { n: index + 1 })}</Typography.Text>
      <Typography.Text type="secondary" code>
        {r.id}
      </Typography.Text>
      <Tag>{t(`pol.kind.${r.kind}`)}</Tag>
      {r.kind === 'subsidy' && r.base !== 'decided' && r.base !== 'fixed' && r.base !== 'none' && <Tag color="blue">{`${r.ratePct}%`}</Tag>}
      {yuan(r.itemCapYuan) && <Tag color="orange">{`${t('pol.ed.itemCapYuan')} ${yuan(r.itemCapYuan)}`}</Tag>}
      {yuan(r.yearlyCapYuan) && <Tag color="orange">{`${t('pol.ed.yearlyCapYuan')} ${yuan(r.yearlyCapYuan)}`}</Tag>}
    </Space>
  );
}

/** Shows a money field in 万元 beside the 元 typed. */
function Wan({ form, name }: { form: FormInstance<Values>; name: (string | number)[] }) {
  const { t } = useI18n();
  const v = Form.useWatch(name, { form, preserve: true }) as string | undefined;
  const fen = yuanTextToFen(v);
  if (fen === undefined) return <span>{t('pol.ed.none')}</span>;
  if (fen === null) return null;
  return <span>{t('pol.ed.wan', { n: (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 6 }) })}</span>;
}

function RuleFields({ index, form }: { index: number; form: FormInstance<Values> }) {
  const { t } = useI18n();
  const n = (f: keyof RuleFormValues) => [index, f];
  const types = PARTY_TYPES.map((p) => ({ value: p, label: t(`pol.party.${p}`) }));
  const roles = BENEFICIARY_ROLES.map((r) => ({ value: r, label: t(`pol.role.${r}`) }));
  const money = (f: 'itemCapYuan' | 'yearlyCapYuan' | 'totalCapYuan') => (
    <Form.Item name={n(f)} label={t(`pol.ed.${f}`)} extra={<Wan form={form} name={['rules', index, f]} />}>
      <Input inputMode="decimal" suffix="元" data-testid={`rule-${index}-${f}`} />
    </Form.Item>
  );
  return (
    <div data-testid={`version-rule-fields-${index}`}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={n('id')} label={t('pol.ed.id')}>
            <Input data-testid={`rule-${index}-id`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={n('title')} label={t('pol.ed.title')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name={n('kind')} label={t('pol.ed.kind')}>
            <Select options={RULE_KINDS.map((k) => ({ value: k, label: t(`pol.kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('mode')} label={t('pol.ed.mode')}>
            <Select options={RULE_MODES.map((k) => ({ value: k, label: t(`pol.mode.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('trigger')} label={t('pol.ed.trigger')}>
            <Select allowClear options={POLICY_EVENT_TYPES.map((k) => ({ value: k, label: t(`pol.rec.kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('beneficiary')} label={t('pol.ed.beneficiary')}>
            <Select allowClear options={roles} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={n('beneficiaryTypes')} label={t('pol.ed.beneficiaryTypes')}>
            <Select mode="multiple" allowClear options={types} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={n('sellerTypes')} label={t('pol.ed.sellerTypes')}>
            <Select mode="multiple" allowClear options={types} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={n('buyerTypes')} label={t('pol.ed.buyerTypes')}>
            <Select mode="multiple" allowClear options={types} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={n('localRoles')} label={t('pol.ed.localRoles')}>
            <Select mode="multiple" allowClear options={roles} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name={n('contractKinds')} label={t('pol.ed.contractKinds')}>
            <Select mode="tags" allowClear options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`pol.trial.kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={n('agencyPresent')} valuePropName="checked" label=" ">
            <Checkbox>{t('pol.ed.agencyPresent')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name={n('base')} label={t('pol.ed.base')}>
            <Select options={BASES.map((b) => ({ value: b, label: t(`pol.base.${b}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('ratePct')} label={t('pol.ed.ratePct')}>
            <Input inputMode="decimal" suffix="%" data-testid={`rule-${index}-rate`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('noStackingGroup')} label={t('pol.ed.noStackingGroup')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={n('budgetLine')} label={t('pol.ed.budgetLine')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          {money('itemCapYuan')}
        </Col>
        <Col xs={24} md={8}>
          {money('yearlyCapYuan')}
        </Col>
        <Col xs={24} md={8}>
          {money('totalCapYuan')}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={16} md={18}>
          <Form.Item name={n('sourceFile')} label={t('pol.ed.sourceFile')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={8} md={6}>
          <Form.Item name={n('sourceItem')} label={t('pol.ed.sourceItem')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('sourceQuote')} label={t('pol.ed.sourceQuote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name={n('rest')} label={t('pol.ed.rest')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      </Form.Item>
    </div>
  );
}

function DiffView({ pending, current }: { pending: Pending; current: Pack }) {
  const { t } = useI18n();
  const { diff } = pending;
  const label = (field: string) => (DIFF_LABEL[field] ? t(DIFF_LABEL[field]) : field);
  const nothing = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  return (
    <div data-testid="version-diff">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('pol.ed.diffLead', { v: current.version, from: pending.validFrom })} />
      <p>
        <strong>{t('pol.ed.validity')}</strong>
        {t('common.colon')}
        {t('pol.valid', { from: current.validFrom, to: current.validTo ?? t('pol.validOpen') })} → {t('pol.valid', { from: pending.validFrom, to: pending.validTo ?? t('pol.validOpen') })}
      </p>
      {nothing && <Alert type="info" message={t('pol.ed.noChange')} />}
      {diff.changed.map((c) => (
        <div key={c.id} style={{ marginBottom: 12 }} data-testid={`diff-changed-${c.id}`}>
          <Space>
            <Tag color="blue">{t('pol.ed.changed')}</Tag>
            <strong>{c.title}</strong>
            <Typography.Text code>{c.id}</Typography.Text>
          </Space>
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            style={{ marginTop: 6 }}
            dataSource={c.changes}
            columns={[
              { title: t('pol.ed.field'), dataIndex: 'field', width: 200, render: (f: string) => label(f) },
              { title: t('pol.ed.before'), dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary">{v}</Typography.Text> },
              { title: t('pol.ed.after'), dataIndex: 'after', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            ]}
          />
        </div>
      ))}
      {diff.added.map((r) => (
        <p key={String(r['id'])} data-testid={`diff-added-${String(r['id'])}`}>
          <Tag color="green">{t('pol.ed.added')}</Tag> {String(r['title'])} <Typography.Text code>{String(r['id'])}</Typography.Text>
        </p>
      ))}
      {diff.removed.map((r) => (
        <p key={r.id} data-testid={`diff-removed-${r.id}`}>
          <Tag color="red">{t('pol.ed.removed')}</Tag> {r.title} <Typography.Text code>{r.id}</Typography.Text>
        </p>
      ))}
    </div>
  );
}

