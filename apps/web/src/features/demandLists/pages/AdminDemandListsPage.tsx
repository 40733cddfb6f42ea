import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { createDemandList, listDemandLists, type DemandList, type DemandListInput } from '../api.ts';
import { DemandListStatusTag } from '../components/DemandListCard.tsx';

/** Admin tab 需求清单: the lists of the administered jurisdictions, drafts included. */
export function AdminDemandListsPage() {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const create = useFormModal<DemandListInput, Awaited<ReturnType<typeof createDemandList>>>({
    action: (values) => createDemandList(values),
    success: t('dl.admin.created'),
    onDone: (created) => navigate(`/admin/demand-lists/${created.id}`),
  });
  useEffect(() => {
    document.title = `${t('nav.adminDemandLists')} · 科转通`;
  }, [t]);
  const own = me?.adminOf ?? [];
  // Administrators see their own drafts; the filter keeps the table to their jurisdictions.
  const jurisdictionCode = !me?.user.isPlatformAdmin && own.length === 1 ? own[0]!.code : undefined;
  const res = useAsync((signal) => listDemandLists({ jurisdictionCode, page, pageSize: 20 }, signal), [jurisdictionCode, page]);

  return (
    <div className="stack" data-testid="admin-demand-lists">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('nav.adminDemandLists')}</h1>
        <p>{t('dl.admin.lead')}</p>
      </div>
      <Card
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => create.open()} data-testid="demand-list-create">
            {t('dl.admin.create')}
          </Button>
        }
      >
        <Table<DemandList>
          rowKey="id"
          loading={res.loading}
          dataSource={res.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('dl.admin.empty') }}
          scroll={{ x: 760 }}
          columns={[
            { title: t('dl.admin.name'), render: (_v, l) => <Link to={`/admin/demand-lists/${l.id}`}>{l.title}</Link> },
            { title: t('dl.jurisdiction'), width: 120, render: (_v, l) => l.jurisdiction.name },
            { title: t('cat.field.industry'), width: 180, render: (_v, l) => (l.industry ? L.industry(l.industry) : t('dl.allIndustries')) },
            { title: t('nav.demands'), width: 110, dataIndex: 'itemCount' },
            { title: '', width: 90, render: (_v, l) => <DemandListStatusTag status={l.status} /> },
            { title: t('cat.field.updatedAt'), width: 160, render: (_v, l) => formatDateTime(l.updatedAt) },
            { title: '', width: 80, render: (_v, l) => (l.allowedActions.includes('update') ? <Link to={`/admin/demand-lists/${l.id}`}>{t('dl.admin.manage')}</Link> : null) },
          ]}
        />
      </Card>
      <Modal {...create.modalProps} title={t('dl.admin.create')} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={create.form} layout="vertical" initialValues={{ jurisdictionCode: own[0]?.code }} data-testid="demand-list-form">
          <Form.Item name="title" label={t('dl.admin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder="例：晋中市 2026 年制造业技术需求清单" />
          </Form.Item>
          <Form.Item name="jurisdictionCode" label={t('dl.jurisdiction')} rules={[{ required: true }]}>
            {me?.user.isPlatformAdmin ? <JurisdictionSelect /> : <Select options={own.map((j) => ({ value: j.code, label: j.name }))} />}
          </Form.Item>
          <Form.Item name="industry" label={t('cat.field.industry')}>
            <Select allowClear placeholder={t('dl.allIndustries')} options={L.industryOptions} />
          </Form.Item>
          <Form.Item name="description" label={t('dl.admin.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
