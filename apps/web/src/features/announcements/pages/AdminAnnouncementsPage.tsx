import { PlusOutlined } from '@ant-design/icons';
import type { AnnouncementSummary } from '@kzt/shared';
import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { getAnnouncement, listAnnouncements, postAnnouncement, updateAnnouncement, withdrawAnnouncement } from '../../home/api.ts';

type Values = { title: string; body: string; jurisdictionCode: string; pinned: boolean };
const PLATFORM = 'platform';

/** 通知公告 for administrators: post, edit, withdraw (each audited by the server). */
export function AdminAnnouncementsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const { data, reload } = useAsync((signal) => listAnnouncements(1, 100, signal), []);
  const m = useFormModal<Values>({
    controlled: { open: editing !== null, onClose: () => setEditing(null) },
    action: async (v) => {
      if (editing === 'new') await postAnnouncement({ title: v.title, body: v.body, pinned: !!v.pinned, ...(v.jurisdictionCode && v.jurisdictionCode !== PLATFORM ? { jurisdictionCode: v.jurisdictionCode } : {}) });
      else if (editing) await updateAnnouncement(editing, { title: v.title, body: v.body, pinned: !!v.pinned });
    },
    success: t(editing === 'new' ? 'ann.posted' : 'ann.saved'),
    onDone: () => void reload(),
  });
  const form = m.form;

  useEffect(() => {
    document.title = `${t('nav.adminAnnouncements')} · 科转通`;
  }, [t]);

  const jurisdictions = [
    ...(me?.user.isPlatformAdmin ? [{ value: PLATFORM, label: t('ann.field.jurisdiction.platform') }] : []),
    ...(me?.adminOf ?? []).map((j) => ({ value: j.code, label: j.name })),
  ];

  const open = async (id: string | 'new') => {
    form.resetFields();
    if (id === 'new') form.setFieldsValue({ jurisdictionCode: jurisdictions[0]?.value, pinned: false });
    else {
      const a = await getAnnouncement(id);
      form.setFieldsValue({ title: a.title, body: a.body, pinned: a.pinned, jurisdictionCode: a.jurisdiction?.code ?? PLATFORM });
    }
    setEditing(id);
  };

  const withdraw = async (id: string) => {
    try {
      await withdrawAnnouncement(id);
      message.success(t('ann.withdrawn'));
      await reload();
    } catch (e) {
      onError(e);
    }
  };

  const mayManage = (a: AnnouncementSummary) => (a.jurisdiction ? !!me?.user.isPlatformAdmin || !!me?.adminOf.some((j) => a.jurisdiction!.code.startsWith(j.code.replace(/0+$/, ''))) : !!me?.user.isPlatformAdmin);

  return (
    <Card
      title={t('nav.adminAnnouncements')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="announcement-new" disabled={!jurisdictions.length}>
          {t('ann.new')}
        </Button>
      }
    >
      <Table
        rowKey="id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('ann.field.title'), dataIndex: 'title', render: (v: string, a) => <Link to={`/announcements/${a.id}`}>{a.pinned && <Tag color="red">{t('home.announcements.pinned')}</Tag>}{v}</Link> },
          { title: t('ann.field.jurisdiction'), render: (_, a) => a.jurisdiction?.name ?? t('ann.field.jurisdiction.platform') },
          { title: t('ann.publishedAt'), render: (_, a) => formatDate(a.publishedAt as string) },
          {
            title: '',
            render: (_, a) =>
              mayManage(a) && (
                <Space>
                  <Button size="small" onClick={() => open(a.id)}>{t('ann.edit')}</Button>
                  <Popconfirm title={t('ann.withdraw.confirm')} onConfirm={() => withdraw(a.id)}>
                    <Button size="small" danger>{t('ann.withdraw')}</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        {...m.modalProps}
        title={editing === 'new' ? t('ann.new') : t('ann.edit')}
        destroyOnHidden
        width={720}
      >
        <Form form={form} layout="vertical" onFinish={() => void m.submit()} requiredMark={false}>
          {editing === 'new' && (
            <Form.Item name="jurisdictionCode" label={t('ann.field.jurisdiction')} rules={[{ required: true, message: t('auth.required', { field: t('ann.field.jurisdiction') }) }]}>
              <Select options={jurisdictions} data-testid="announcement-jurisdiction" />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('ann.field.title')} rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('ann.field.title') }) }]}>
            <Input maxLength={100} showCount data-testid="announcement-title" />
          </Form.Item>
          <Form.Item name="body" label={t('ann.field.body')} rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('ann.field.body') }) }]}>
            <Input.TextArea rows={8} maxLength={10000} data-testid="announcement-body" />
          </Form.Item>
          <Form.Item name="pinned" valuePropName="checked">
            <Checkbox>{t('ann.field.pinned')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
