import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { MEMBER_ROLES, type MemberRole } from '@kzt/shared';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Result, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { administers } from '../../../lib/administers.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { LicenceCell } from '../components/LicenceCell.tsx';
import {
  fetchMembers,
  fetchOrganization,
  inviteMember,
  removeMember,
  revokeInvitation,
  updateOrganization,
  type Member,
  type OrgInvitation,
  type Organization,
  type UpdateOrganizationInput,
} from '../api.ts';
import { ReviewButtons } from '../components/ReviewButtons.tsx';
import { OrgStatusTag, useOrgLabels } from '../labels.tsx';
import { BrokerCommissionsCard } from '../../workbench/components/BrokerCommissionsCard.tsx';

export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const labels = useOrgLabels();
  const { refresh: refreshMe, me } = useAuth();
  const orgState = useAsync(() => fetchOrganization(id), [id]);
  const org = orgState.data;
  const canViewMembers = !!org?.allowedActions.includes('viewMembers');
  const membersState = useAsync(
    () => (canViewMembers ? fetchMembers(id) : Promise.resolve({ items: [], invitations: [], total: 0 })),
    [id, canViewMembers],
  );
  const [editOpen, setEditOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);

  useEffect(() => {
    if (org) document.title = `${org.name} · 科转通`;
  }, [org]);

  if (orgState.loading && !org) return <PageLoading />;
  if (orgState.error || !org) {
    const e = orgState.error;
    return (
      <div className="container">
        <Result
          status={e instanceof ApiError && e.status === 403 ? '403' : '404'}
          title={t('org.notFound')}
          subTitle={e instanceof ApiError ? e.detail : undefined}
          extra={
            <Link to="/org">
              <Button type="primary">{t('nav.myOrg')}</Button>
            </Link>
          }
        />
      </div>
    );
  }

  const can = (a: Organization['allowedActions'][number]) => org.allowedActions.includes(a);
  const afterChange = (updated?: Organization) => {
    if (updated) void orgState.reload();
    void membersState.reload();
    void refreshMe().catch(() => null);
  };

  return (
    <div className="container stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1 data-testid="org-name">
            {org.name} <OrgStatusTag status={org.status} />
          </h1>
          <p>
            {labels.type(org.type)} · {org.jurisdictionName}
          </p>
        </div>
        <Space wrap>
          {can('verify') && org.status === 'pending' && <ReviewButtons org={org} onDone={afterChange} size="middle" />}
          {can('update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
              {t('org.edit')}
            </Button>
          )}
        </Space>
      </div>

      {org.status === 'pending' && <Alert type="info" showIcon title={t('org.pending.title')} description={t('org.pending.desc')} />}
      {org.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          title={t('org.rejected.title')}
          description={
            <span data-testid="review-reason">
              {t('org.field.reviewReason')}{t('common.colon')}{org.reviewReason || '—'}
            </span>
          }
        />
      )}

      <Card title={t('org.details')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'name', label: t('org.field.name'), children: org.name },
            { key: 'type', label: t('org.field.type'), children: labels.type(org.type) },
            { key: 'credit', label: t('org.field.creditCode'), children: <span className="mono">{org.creditCode}</span> },
            { key: 'jur', label: t('org.field.jurisdiction'), children: org.jurisdictionName || org.jurisdictionCode },
            { key: 'status', label: t('org.field.status'), children: <OrgStatusTag status={org.status} /> },
            { key: 'applied', label: t('org.field.appliedAt'), children: formatDateTime(org.createdAt) },
            ...(org.reviewedAt ? [{ key: 'reviewed', label: t('org.field.reviewedAt'), children: formatDateTime(org.reviewedAt) }] : []),
            { key: 'address', label: t('org.field.address'), children: org.address || '—' },
            { key: 'contact', label: t('org.field.contactName'), children: org.contactName || '—' },
            { key: 'phone', label: t('org.field.contactPhone'), children: org.contactPhone || '—' },
            { key: 'public', label: t('org.field.publicInstitution'), children: <span data-testid="org-public-institution">{t(org.publicInstitution ? 'common.yes' : 'common.no')}</span> },
            ...(canViewMembers
              ? [{ key: 'licence', label: t('org.licence.title'), children: <LicenceCell org={org} canUpload={can('invite')} onUploaded={() => afterChange(org)} /> }]
              : []),
            { key: 'desc', label: t('org.field.description'), span: 'filled', children: org.description || '—' },
          ]}
        />
      </Card>

      {canViewMembers && (
        <MembersCard
          org={org}
          members={membersState.data?.items ?? []}
          invitations={membersState.data?.invitations ?? []}
          loading={membersState.loading}
          onInvite={() => setInviteOpen(true)}
          onChanged={() => afterChange()}
        />
      )}

      {me?.organizations.some((o) => o.id === org.id) && <BrokerCommissionsCard orgId={org.id} />}

      <EditModal org={org} open={editOpen} onClose={() => setEditOpen(false)} onSaved={afterChange} />
      <InviteModal orgId={org.id} open={inviteOpen} onClose={() => setInviteOpen(false)} onSent={() => afterChange()} />
    </div>
  );
}

function MembersCard(props: {
  org: Organization;
  members: Member[];
  invitations: OrgInvitation[];
  loading: boolean;
  onInvite: () => void;
  onChanged: () => void;
}) {
  const { org, members, invitations, loading, onInvite, onChanged } = props;
  const { t } = useI18n();
  const labels = useOrgLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const can = (a: Organization['allowedActions'][number]) => org.allowedActions.includes(a);
  const pending = invitations.filter((i) => i.status === 'pending');

  const remove = async (m: Member) => {
    try {
      await removeMember(org.id, m.userId);
      message.success(t('org.member.removed'));
      onChanged();
    } catch (e) {
      onError(e);
    }
  };
  const revoke = async (i: OrgInvitation) => {
    try {
      await revokeInvitation(org.id, i.id);
      message.success(t('org.invite.revoked'));
      onChanged();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card
      title={t('org.members')}
      extra={
        can('invite') && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={onInvite} data-testid="invite-member">
            {t('org.invite')}
          </Button>
        )
      }
    >
      <Table<Member>
        rowKey="userId"
        size="middle"
        loading={loading}
        dataSource={members}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: t('org.member.name'), dataIndex: 'name' },
          { title: t('org.member.contact'), render: (_, m) => [m.email, m.phone].filter(Boolean).join(' / ') || '—' },
          {
            title: t('org.member.role'),
            dataIndex: 'role',
            render: (r: MemberRole) => <Tag color={r === 'owner' ? 'blue' : 'default'}>{labels.role(r)}</Tag>,
          },
          { title: t('org.member.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDateTime(v) },
          ...(members.some((m) => m.allowedActions.includes('remove'))
            ? [
                {
                  title: t('admin.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, m: Member) =>
                    m.allowedActions.includes('remove') && (
                    <Popconfirm
                      title={t('org.member.removeConfirm', { name: m.name })}
                      onConfirm={() => remove(m)}
                      okText={t('org.member.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                    >
                      <Button danger type="link" size="small" icon={<DeleteOutlined />}>
                        {t('org.member.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {pending.length > 0 && (
        <>
          <h3 style={{ margin: '24px 0 12px', fontSize: 15 }}>{t('org.invitations')}</h3>
          <Table<OrgInvitation>
            rowKey="id"
            size="small"
            dataSource={pending}
            pagination={false}
            scroll={{ x: 560 }}
            columns={[
              { title: t('org.invite.login'), dataIndex: 'login' },
              { title: t('org.member.role'), dataIndex: 'role', render: (r: MemberRole) => labels.role(r) },
              { title: t('org.invite.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              ...(can('invite')
                ? [
                    {
                      title: t('admin.actions'),
                      key: 'actions',
                      width: 100,
                      render: (_: unknown, i: OrgInvitation) => (
                        <Button type="link" size="small" onClick={() => revoke(i)}>
                          {t('org.invite.revoke')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}

function EditModal({ org, open, onClose, onSaved }: { org: Organization; open: boolean; onClose: () => void; onSaved: (o: Organization) => void }) {
  const { t } = useI18n();
  const m = useFormModal<UpdateOrganizationInput, Organization>({
    controlled: { open, onClose },
    action: (values) =>
      updateOrganization(org.id, {
        name: values.name?.trim(),
        address: values.address?.trim() ?? '',
        contactName: values.contactName?.trim() ?? '',
        contactPhone: values.contactPhone?.trim() ?? '',
        description: values.description?.trim() ?? '',
        // Sent only when changed: once verified, only an administrator may change it.
        ...(values.publicInstitution !== undefined && values.publicInstitution !== org.publicInstitution ? { publicInstitution: values.publicInstitution } : {}),
      }),
    success: t('org.saved'),
    onDone: onSaved,
  });
  const form = m.form;

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        name: org.name,
        address: org.address ?? '',
        contactName: org.contactName ?? '',
        contactPhone: org.contactPhone ?? '',
        description: org.description ?? '',
        publicInstitution: org.publicInstitution,
      });
  }, [open, org, form]);
  const { me } = useAuth();
  // 事业单位 moves subsidy money: the organisation declares it until verified; then its administrators change it.
  const lockedFlag = org.status === 'verified' && !administers(me, org.jurisdictionCode);

  return (
    <Modal
      {...m.modalProps}
      title={t('org.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('org.field.name')} rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('org.field.name') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('org.field.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="contactName" label={t('org.field.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('org.field.contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="description" label={t('org.field.description')}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="publicInstitution" valuePropName="checked" extra={t(lockedFlag ? 'org.publicInstitution.locked' : 'org.publicInstitution.hint')}>
          <Checkbox disabled={lockedFlag} data-testid="edit-public-institution">
            {t('org.publicInstitution.declare')}
          </Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InviteModal({ orgId, open, onClose, onSent }: { orgId: string; open: boolean; onClose: () => void; onSent: () => void }) {
  const { t } = useI18n();
  const labels = useOrgLabels();
  const m = useFormModal<{ login: string; role: MemberRole }>({
    controlled: { open, onClose },
    action: (values) => inviteMember(orgId, { login: values.login.trim(), role: values.role }),
    success: t('org.invite.sent'),
    onDone: onSent,
  });

  return (
    <Modal
      {...m.modalProps}
      title={t('org.invite')}
      okText={t('org.invite.send')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={m.form} layout="vertical" initialValues={{ role: 'member' }}>
        <Form.Item name="login" label={t('org.invite.login')} rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('org.invite.login') }) }]}>
          <Input maxLength={254} />
        </Form.Item>
        <Form.Item name="role" label={t('org.invite.role')} rules={[{ required: true }]}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
