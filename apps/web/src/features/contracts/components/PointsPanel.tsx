import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { createPoint, listPoints, saveWindow, setPointStaff, type RegistrationPoint } from '../api.ts';

/** User ids typed one per line (or separated by commas or spaces). */
const idsOf = (text?: string) => (text ?? '').split(/[,，\s]+/).filter(Boolean);
/** A refusal at `staffUserIds.N` lands on the text area. */
const STAFF_FIELDS = Object.fromEntries([['staffUserIds', 'staff'], ...Array.from({ length: 50 }, (_, i) => [`staffUserIds.${i}`, 'staff'])]);

/** An administrator's registration points: the list, a new point with its staff, and the window after signing. */
export function PointsPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { me } = useAuth();
  const jurisdictions = me?.adminOf ?? [];
  const [code, setCode] = useState(jurisdictions[0]?.code ?? '');
  const points = useAsync((signal) => (code ? listPoints(code, signal) : Promise.resolve(undefined)), [code]);
  const [days, setDays] = useState<number | null>(null);
  const name = jurisdictions.find((j) => j.code === code)?.name ?? code;
  const { form, busy, onFinish: add } = useFormSubmit<{ code: string; name: string; address?: string; staff?: string }>({
    action: async (v) => {
      await createPoint(code, { code: v.code, name: v.name, address: v.address ?? '', staffUserIds: idsOf(v.staff) });
      await points.reload();
    },
    onDone: () => form.resetFields(),
    fieldMap: STAFF_FIELDS,
  });
  const [editing, setEditing] = useState<RegistrationPoint>();
  const staffModal = useFormModal<{ staff?: string }, RegistrationPoint>({
    action: (v) => setPointStaff(code, editing!.id, idsOf(v.staff)),
    success: t('ct.points.staffSaved'),
    fieldMap: STAFF_FIELDS,
    onDone: () => void points.reload(),
  });

  return (
    <Card title={t('ct.points.title', { name })} data-testid="points-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select value={code} onChange={setCode} options={jurisdictions.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))} style={{ width: 220 }} aria-label={t('ct.points.jurisdiction')} />
        <span>{t('ct.points.window', { days: points.data?.windowDays ?? 30 })}</span>
        <InputNumber<number> min={1} max={365} value={days} onChange={setDays} placeholder={t('ct.points.windowDays')} style={{ width: 110 }} />
        <Button
          disabled={!days}
          onClick={async () => {
            try {
              await saveWindow(code, days!);
              message.success(t('ct.points.window', { days: days! }));
              await points.reload();
            } catch (err) {
              onError(err);
            }
          }}
        >
          {t('ct.points.saveWindow')}
        </Button>
      </Space>
      <Table<RegistrationPoint>
        rowKey="id"
        size="small"
        loading={points.loading}
        dataSource={points.data?.items ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        columns={[
          { title: t('ct.points.code'), dataIndex: 'code', width: 90 },
          { title: t('ct.field.name'), dataIndex: 'name', width: 220 },
          { title: t('ct.points.address'), dataIndex: 'address' },
          {
            title: t('ct.points.staff'),
            width: 220,
            render: (_, p) => (
              <Space wrap size={4}>
                {p.staff.map((s) => (
                  <Tag key={s.id} title={s.id}>
                    {s.name || s.id.slice(0, 8)}
                  </Tag>
                ))}
                {points.data?.allowedActions.includes('manage') && (
                  <Button
                    size="small"
                    type="link"
                    data-testid="point-staff-edit"
                    onClick={() => {
                      setEditing(p);
                      staffModal.open({ staff: p.staffUserIds.join('\n') });
                    }}
                  >
                    {t('ct.points.editStaff')}
                  </Button>
                )}
              </Space>
            ),
          },
          { title: '', dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
        ]}
      />
      {points.data?.allowedActions.includes('manage') && (
        <Form form={form} layout="vertical" onFinish={add} style={{ marginTop: 16, maxWidth: 560 }}>
          <Space wrap align="start">
            <Form.Item name="code" label={t('ct.points.code')} rules={[{ required: true, pattern: /^\d{2}$/ }]}>
              <Input style={{ width: 100 }} maxLength={2} />
            </Form.Item>
            <Form.Item name="name" label={t('ct.field.name')} rules={[{ required: true }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item name="address" label={t('ct.points.address')}>
            <Input />
          </Form.Item>
          <Form.Item name="staff" label={t('ct.points.staff')} extra={t('ct.points.staffHelp')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('ct.points.add')}
          </Button>
        </Form>
      )}
      <Modal {...staffModal.modalProps} title={t('ct.points.editStaffOf', { name: editing?.name ?? '' })} okText={t('common.save')} destroyOnHidden>
        <Form form={staffModal.form} layout="vertical">
          <Form.Item name="staff" label={t('ct.points.staff')} extra={t('ct.points.staffHelp')}>
            <Input.TextArea rows={5} data-testid="point-staff-ids" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
