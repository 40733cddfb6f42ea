import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApiErrorHandler } from '../../../lib/errors.ts';

/** A modal form for one action on a contract: refusals appear beside their fields, success closes it. */
export function ActionModal<V extends object>(props: {
  open: boolean;
  title: string;
  okText: string;
  done: string;
  onClose: () => void;
  run: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  children: (form: FormInstance<V>) => ReactNode;
  testId?: string;
}) {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await props.run(values);
      message.success(props.done);
      form.resetFields();
      props.onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={props.title} okText={props.okText} onOk={() => void submit()} confirmLoading={busy} onCancel={props.onClose} destroyOnHidden data-testid={props.testId}>
      <Form form={form} layout="vertical" initialValues={props.initialValues} preserve={false}>
        {props.children(form)}
      </Form>
    </Modal>
  );
}
