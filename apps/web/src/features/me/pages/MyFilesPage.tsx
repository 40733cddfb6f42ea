import { Alert, Card, Empty, Progress, Skeleton, Space, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchMyFiles, type MyFile } from '../api.ts';

/**
 * 我的文件 (/me/files): what I keep in my own name — files no organisation
 * keeps, such as an administrator's contract import made without one — with
 * my quota, what is used, and when the storage sweep deletes each file.
 * An organisation's files are on its own page (its storage).
 */
export function MyFilesPage() {
  const { t } = useI18n();
  const { data, error } = useAsync((signal) => fetchMyFiles(signal), []);
  useEffect(() => {
    document.title = `${t('me.files.title')} · 科转通`;
  }, [t]);
  const percent = data && data.limitBytes > 0 ? Math.min(100, Math.round((data.usedBytes / data.limitBytes) * 1000) / 10) : 0;

  return (
    <div className="container stack" data-testid="my-files-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('me.files.title')}</h1>
        <p>{t('me.files.lead')}</p>
      </div>
      {error ? (
        <Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Card title={t('me.files.quota')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Progress percent={percent} status={percent >= 90 ? 'exception' : 'normal'} />
              <span data-testid="my-files-usage">{t('me.files.usage', { used: data.used, limit: data.limit })}</span>
            </Space>
          </Card>
          <Card title={t('me.files.list')}>
            {data.files.length === 0 ? (
              <Empty description={t('me.files.empty')} />
            ) : (
              <Table<MyFile>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={data.files}
                scroll={{ x: 640 }}
                data-testid="my-files-table"
                columns={[
                  {
                    title: t('me.files.name'),
                    dataIndex: 'name',
                    ellipsis: true,
                    render: (v: string | null, f) => {
                      const name = v ?? t('me.files.unnamed');
                      return f.link ? <Link to={f.link}>{name}</Link> : name;
                    },
                  },
                  { title: t('me.files.kind'), dataIndex: 'kind', width: 100, render: (v: MyFile['kind']) => <Tag>{t(`me.files.kind.${v}`)}</Tag> },
                  { title: t('me.files.size'), dataIndex: 'size', width: 90 },
                  { title: t('me.files.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
                  { title: t('me.files.expiresAt'), dataIndex: 'expiresAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : t('me.files.kept')) },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
