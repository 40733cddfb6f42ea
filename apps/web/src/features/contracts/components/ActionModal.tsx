import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useFormModal, type FormModalConfirm } from '../../../lib/useFormModal.tsx';

/**
 * A modal form for one action on a contract: refusals appear beside their
 * fields, success closes it; an irrevocable action (a payment, an amendment,
 * a termination) asks `confirm` with the values before it is sent.
 */
export function ActionModal<V extends object>(props: {
  open: boolean;
  title: string;
  okText: string;
  done: string;
  onClose: () => void;
  run: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  confirm?: (values: V) => FormModalConfirm | undefined;
  children: (form: FormInstance<V>) => ReactNode;
  testId?: string;
}) {
  const m = useFormModal<V>({
    action: (values) => props.run(values),
    success: props.done,
    controlled: { open: props.open, onClose: props.onClose },
    ...(props.confirm ? { confirm: props.confirm } : {}),
  });
  return (
    <Modal {...m.modalProps} title={props.title} okText={props.okText} destroyOnHidden data-testid={props.testId}>
      <Form form={m.form} layout="vertical" initialValues={props.initialValues} preserve={false}>
        {props.children(m.form)}
      </Form>
    </Modal>
  );
}
