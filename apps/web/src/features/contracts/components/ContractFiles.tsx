import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Upload } from 'antd';
import { ApiError } from '../../../api/client.ts';
import type { Contract } from '../api.ts';

type File_ = Contract['documents'][number];
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Files of a contract (payment receipts, the signed contract, an amendment's documents): each a download link,
 * removable by its uploader when the server says so, and an upload button when `upload` is given (PDF or images,
 * ≤ 20 MB, checked here before a byte is sent). `changed` runs after a file is added or removed.
 */
export function ContractFiles(props: {
  files: File_[];
  upload?: (file: File) => Promise<unknown>;
  changed: () => unknown;
  labels: { add: string; added: string; remove: string; tooLarge: string };
  testId: string;
  remove: (url: string) => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.detail : String(err));
  return (
    <Space orientation="vertical" size={2} data-testid={props.testId}>
      {props.files.map((f) => (
        <Space key={f.id} size={4} wrap>
          <a href={f.url} target="_blank" rel="noopener" data-testid={`${props.testId}-link`} style={{ overflowWrap: 'anywhere' }}>
            <PaperClipOutlined /> {f.fileName}
          </a>
          {f.allowedActions.includes('delete') && (
            <Popconfirm
              title={props.labels.remove}
              onConfirm={async () => {
                try {
                  await props.remove(f.url);
                  await props.changed();
                } catch (err) {
                  fail(err);
                }
              }}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={props.labels.remove} />
            </Popconfirm>
          )}
        </Space>
      ))}
      {props.upload && (
        <Upload
          accept=".pdf,.png,.jpg,.jpeg,.webp"
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_BYTES) {
              message.error(props.labels.tooLarge);
              return Upload.LIST_IGNORE;
            }
            void props
              .upload!(file)
              .then(async () => {
                message.success(props.labels.added);
                await props.changed();
              })
              .catch(fail);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} data-testid={`${props.testId}-upload`}>
            {props.labels.add}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
