import { RollbackOutlined } from '@ant-design/icons';
import { App } from 'antd';
import { ReviewButtons } from '../../../app/ReviewButtons.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { reviewRecord, type RecordKindKey } from '../api.ts';

type Props = { kind: RecordKindKey; record: { id: string; title: string }; onDone: () => void; size?: 'small' | 'middle' };

/** 审核通过 (with a confirmation) and 退回 (with a modal that requires a reason). */
export function ReviewRecordButtons({ kind, record, onDone, size = 'small' }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <ReviewButtons
      size={size}
      approve={{
        label: t('cat.review.approve'),
        confirm: t('cat.review.approveConfirm', { title: record.title }),
        testId: 'review-approve',
        confirmTestId: 'review-approve-confirm',
        run: async () => {
          await reviewRecord(kind, record.id, 'approve');
          message.success(t('cat.review.approved'));
          onDone();
        },
      }}
      reject={{
        button: t('cat.review.return'),
        icon: <RollbackOutlined />,
        testId: 'review-return',
        okTestId: 'review-return-confirm',
        title: t('cat.review.returnTitle', { title: record.title }),
        label: t('cat.review.reason'),
        requiredMessage: t('cat.review.reasonRequired'),
        placeholder: t('cat.review.reasonPlaceholder'),
        reasonTestId: 'review-reason',
        onSubmit: async (reason) => {
          await reviewRecord(kind, record.id, 'return', reason);
          message.success(t('cat.review.returned'));
          onDone();
        },
      }}
    />
  );
}
