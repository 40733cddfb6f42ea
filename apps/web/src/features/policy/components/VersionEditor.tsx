import { shanghaiToday } from '@kzt/shared';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { PolicyRulesResponse } from '../api.ts';
import { publishPackVersion } from '../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';

type Pack = PolicyRulesResponse['packs'][number];
type Values = { version: string; name: string; validFrom: string; validTo?: string; rules: string };

/** An administrator publishes a new version of a pack, starting from the current one's rules (history stays as it was). */
export function VersionEditor({ current, onPublished }: { current: Pack; onPublished: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const start = () => {
    // From today (Beijing), or the day after the current version starts if that is later: a new version may not start on or before it.
    const after = new Date(Date.parse(`${current.validFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const today = shanghaiToday();
    form.setFieldsValue({ version: String(Number(current.version) + 1 || `${current.version}-2`), name: current.name, validFrom: today > after ? today : after, validTo: '', rules: JSON.stringify(current.rules, null, 2) });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    let rules: unknown;
    try {
      rules = JSON.parse(v.rules);
    } catch {
      form.setFields([{ name: 'rules', errors: [t('pol.editor.badJson')] }]);
      return;
    }
    setBusy(true);
    try {
      await publishPackVersion(current.jurisdiction, { version: v.version, name: v.name, validFrom: v.validFrom, validTo: v.validTo ? v.validTo : null, rules: Array.isArray(rules) ? rules : [] });
      message.success(t('pol.editor.done'));
      setOpen(false);
      onPublished();
    } catch (e) {
      onError(e, form);
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
      <Modal open={open} title={t('pol.editor.title', { name: current.jurisdictionName })} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} width={760} destroyOnHidden>
        <p style={{ color: '#595959' }}>{t('pol.editor.lead')}</p>
        <Form form={form} layout="vertical">
          <Form.Item name="version" label={t('pol.editor.version')} rules={[{ required: true, whitespace: true, message: t('pol.editor.version') }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('pol.editor.name')} rules={[{ required: true, whitespace: true, message: t('pol.editor.name') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('pol.editor.validFrom')} extra={t('pol.editor.validFromHint')} rules={[{ required: true, message: 'YYYY-MM-DD' }, ...day]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="validTo" label={t('pol.editor.validTo')} rules={day}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="rules" label={t('pol.editor.rules')} rules={[{ required: true, message: t('pol.editor.rules') }]}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} style={{ fontFamily: 'monospace', fontSize: 12 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
