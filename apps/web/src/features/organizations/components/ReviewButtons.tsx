import { CloseOutlined } from '@ant-design/icons';
import { App } from 'antd';
import { ReviewButtons as ApproveRejectButtons } from '../../../app/ReviewButtons.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { verifyOrganization, type Organization } from '../api.ts';

type Props = { org: Pick<Organization, 'id' | 'name'>; onDone: (org: Organization) => void; size?: 'small' | 'middle' };

/** 通过 (with a confirmation) and 驳回 (with a modal that requires a reason). */
export function ReviewButtons({ org, onDone, size = 'small' }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <ApproveRejectButtons
      size={size}
      approve={{
        label: t('admin.approve'),
        confirm: t('admin.approveConfirm', { name: org.name }),
        testId: 'approve',
        run: async () => {
          const updated = await verifyOrganization(org.id, 'approve');
          message.success(t('admin.approved'));
          onDone(updated);
        },
      }}
      reject={{
        button: t('admin.reject'),
        icon: <CloseOutlined />,
        testId: 'reject',
        okTestId: 'reject-confirm',
        title: t('admin.rejectTitle', { name: org.name }),
        label: t('admin.rejectReason'),
        requiredMessage: t('admin.rejectReason.required'),
        placeholder: t('admin.rejectReason.placeholder'),
        maxLength: 500,
        reasonTestId: 'reject-reason',
        onSubmit: async (reason) => {
          const updated = await verifyOrganization(org.id, 'reject', reason);
          message.success(t('admin.rejected'));
          onDone(updated);
        },
      }}
    />
  );
}
