import { BulbOutlined, ExperimentOutlined } from '@ant-design/icons';
import { PROFILE_KINDS, PROFILE_KIND_LABELS, type ProfileKind } from '@kzt/shared';
import { Alert, App, Badge, Button, Card, Col, Descriptions, Empty, Form, Input, List, Popconfirm, Row, Select, Space, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { changePassword, type Me, type MyInvitation, type Profile } from '../../auth/api.ts';
import { OrgStatusTag, useOrgLabels } from '../../organizations/labels.tsx';
import { acceptInvitation, declineInvitation, deleteProfile, saveProfile, type ProfileInput } from '../api.ts';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';

export function MePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  useEffect(() => {
    document.title = `${t('me.title')} · 科转通`;
  }, [t]);
  if (!me) return null;
  return (
    <div className="container stack">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('me.title')}</h1>
      </div>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={14}>
          <AccountCard me={me} />
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={20} style={{ width: '100%' }}>
            {me.organizations.length > 0 && <RecordsCard />}
            <InvitationsCard invitations={me.invitations} />
          </Space>
        </Col>
      </Row>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={15}>
          <ProfilesCard me={me} />
        </Col>
        <Col xs={24} lg={9}>
          <PasswordCard />
        </Col>
      </Row>
    </div>
  );
}

function RecordsCard() {
  const { t } = useI18n();
  return (
    <Card title={t('me.records')} data-testid="me-records">
      <Space wrap>
        <Link to="/me/achievements">
          <Button icon={<ExperimentOutlined />}>{t('nav.myAchievements')}</Button>
        </Link>
        <Link to="/me/demands">
          <Button icon={<BulbOutlined />}>{t('nav.myDemands')}</Button>
        </Link>
      </Space>
    </Card>
  );
}

function AccountCard({ me }: { me: Me }) {
  const { t } = useI18n();
  const labels = useOrgLabels();
  return (
    <Card title={t('me.account')} style={{ height: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('me.name'), children: me.user.name },
          { key: 'email', label: t('me.email'), children: me.user.email || '—' },
          { key: 'phone', label: t('me.phone'), children: me.user.phone || '—' },
          ...(me.user.isPlatformAdmin ? [{ key: 'pa', label: t('me.roles'), children: <Tag color="blue">{t('me.platformAdmin')}</Tag> }] : []),
          ...(me.adminOf.length > 0
            ? [{ key: 'adm', label: t('me.adminOf'), children: <Space wrap size={4}>{me.adminOf.map((a) => <Tag key={a.code}>{a.name}</Tag>)}</Space> }]
            : []),
          {
            key: 'orgs',
            label: t('me.orgs'),
            children:
              me.organizations.length === 0 ? (
                <Link to="/org/apply">{t('org.apply.title')}</Link>
              ) : (
                <Space orientation="vertical" size={4}>
                  {me.organizations.map((o) => (
                    <span key={o.id}>
                      <Link to={`/org/${o.id}`}>{o.name}</Link> <OrgStatusTag status={o.status} />
                      <span className="muted">{labels.role(o.role)}</span>
                    </span>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function InvitationsCard({ invitations }: { invitations: MyInvitation[] }) {
  const { t } = useI18n();
  const labels = useOrgLabels();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (inv: MyInvitation, accept: boolean) => {
    setBusy(inv.id);
    try {
      await (accept ? acceptInvitation(inv.id) : declineInvitation(inv.id));
      message.success(t(accept ? 'me.invitation.accepted' : 'me.invitation.declined'));
      await refresh();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('me.invitations')}
          <Badge count={invitations.length} />
        </Space>
      }
      style={{ height: '100%' }}
    >
      {invitations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('me.invitations.empty')} />
      ) : (
        <List
          dataSource={invitations}
          renderItem={(inv) => (
            <List.Item
              actions={[
                <Button key="a" type="primary" size="small" loading={busy === inv.id} onClick={() => act(inv, true)}>
                  {t('me.invitation.accept')}
                </Button>,
                <Button key="d" size="small" disabled={busy === inv.id} onClick={() => act(inv, false)}>
                  {t('me.invitation.decline')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={t('me.invitation.text', { org: inv.organizationName, role: labels.role(inv.role) })}
                description={formatDateTime(inv.createdAt)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PasswordCard() {
  const { t } = useI18n();
  const { form, busy, onFinish } = useFormSubmit<{ currentPassword: string; newPassword: string; confirm: string }>({
    action: (v) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    success: t('me.password.changed'),
    onDone: () => form.resetFields(),
  });

  return (
    <Card title={t('me.password')}>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('me.password.current')} rules={[{ required: true, message: t('auth.required', { field: t('me.password.current') }) }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('me.password.new')}
          extra={t('auth.register.passwordHint')}
          rules={[
            { required: true, message: t('auth.required', { field: t('me.password.new') }) },
            { min: 8, message: t('auth.passwordShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('me.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.required', { field: t('me.password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: async (_, v?: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('me.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function ProfilesCard({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const byKind = new Map(me.profiles.map((p) => [p.kind, p]));
  return (
    <Card title={t('me.profiles')}>
      <p className="muted" style={{ marginTop: 0 }}>
        {t('me.profiles.lead')}
      </p>
      <Tabs
        items={PROFILE_KINDS.map((kind) => ({
          key: kind,
          label: (
            <Space size={6}>
              {label(PROFILE_KIND_LABELS[kind])}
              {byKind.has(kind) ? <ProfileTag profile={byKind.get(kind)!} /> : <Tag>{t('me.profile.notSet')}</Tag>}
            </Space>
          ),
          children: <ProfileForm kind={kind} profile={byKind.get(kind)} me={me} />,
        }))}
      />
    </Card>
  );
}

/** A profile's tab label: set up (researcher), or its review state (broker, expert), with the reason when rejected. */
function ProfileTag({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  if (profile.kind === 'researcher' || !profile.status) return <Tag color="green">{t('me.profile.set')}</Tag>;
  const color = profile.status === 'approved' ? 'green' : profile.status === 'rejected' ? 'red' : 'orange';
  return (
    <Tag color={color} title={profile.reviewReason ?? undefined} data-testid={`profile-status-${profile.kind}`}>
      {t(`wb.profile.${profile.status}`)}
    </Tag>
  );
}

type ProfileValues = { organizationId?: string; title?: string; fields: string[]; bio?: string; certificateNo?: string; jurisdictionCode?: string };

function ProfileForm({ kind, profile, me }: { kind: ProfileKind; profile: Profile | undefined; me: Me }) {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [removing, setRemoving] = useState(false);
  const { form, busy: saving, onFinish } = useFormSubmit<ProfileValues>({
    action: async (v) => {
      const body: ProfileInput = { fields: (v.fields ?? []).map((f) => f.trim()).filter(Boolean) };
      if (v.organizationId) body.organizationId = v.organizationId;
      if (v.title?.trim()) body.title = v.title.trim();
      if (v.bio?.trim()) body.bio = v.bio.trim();
      if (kind !== 'researcher' && v.certificateNo?.trim()) body.certificateNo = v.certificateNo.trim();
      if (kind !== 'researcher' && !v.organizationId && v.jurisdictionCode) body.jurisdictionCode = v.jurisdictionCode;
      await saveProfile(kind, body);
      await refresh();
    },
    success: t('me.profile.saved'),
  });
  const busy = saving || removing;

  useEffect(() => {
    form.setFieldsValue({
      organizationId: profile?.organizationId ?? undefined,
      title: profile?.title ?? '',
      fields: profile?.fields ?? [],
      bio: profile?.bio ?? '',
      certificateNo: profile?.certificateNo ?? '',
      jurisdictionCode: profile?.jurisdictionCode ?? undefined,
    });
  }, [profile, form]);

  const remove = async () => {
    setRemoving(true);
    try {
      await deleteProfile(kind);
      message.success(t('me.profile.deleted'));
      await refresh();
    } catch (e) {
      onError(e);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }}>
      <Form.Item name="organizationId" label={t('me.profile.organization')}>
        <Select allowClear options={me.organizations.map((o) => ({ value: o.id, label: o.name }))} placeholder={t('me.none')} />
      </Form.Item>
      <Form.Item name="title" label={t('me.profile.title')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="fields" label={t('me.profile.fields')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('me.profile.fields.placeholder')} open={false} suffixIcon={null} maxCount={20} />
      </Form.Item>
      {kind !== 'researcher' && (
        <Form.Item name="jurisdictionCode" label={t('me.profile.jurisdiction')} extra={t('me.profile.jurisdiction.help')}>
          <JurisdictionSelect allowClear />
        </Form.Item>
      )}
      {kind !== 'researcher' && profile?.status === 'rejected' && profile.reviewReason && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('wb.profile.rejectedReason', { reason: profile.reviewReason })} />}
      {kind !== 'researcher' && (
        <Form.Item name="certificateNo" label={t('me.profile.certificateNo')}>
          <Input maxLength={50} />
        </Form.Item>
      )}
      <Form.Item name="bio" label={t('me.profile.bio')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('me.profile.save')}
        </Button>
        {profile && (
          <Popconfirm title={t('me.profile.deleteConfirm')} onConfirm={remove} okButtonProps={{ danger: true }} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button danger disabled={busy}>
              {t('me.profile.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Form>
  );
}
