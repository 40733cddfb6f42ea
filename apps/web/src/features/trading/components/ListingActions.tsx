import { CloseOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ReasonModal, ReviewButtons } from '../../../app/ReviewButtons.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { reviewListing, withdrawListing } from '../api.ts';

type Target = { id: string; title: string };

/** 审核通过 (confirmed) and 驳回 (with a reason the seller sees): an administrator of the listing's jurisdiction. */
export function ListingReviewButtons({ listing, onDone, size = 'small' }: { listing: Target; onDone: () => void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <ReviewButtons
      size={size}
      approve={{
        label: t('cat.review.approve'),
        confirm: t('trade.review.approveConfirm', { title: listing.title }),
        testId: 'listing-approve',
        confirmTestId: 'listing-approve-confirm',
        run: async () => {
          await reviewListing(listing.id, 'approve');
          message.success(t('trade.review.approved'));
          onDone();
        },
      }}
      reject={{
        button: t('admin.reject'),
        icon: <CloseOutlined />,
        testId: 'listing-reject',
        title: t('trade.review.rejectTitle', { title: listing.title }),
        label: t('admin.rejectReason'),
        requiredMessage: t('admin.rejectReason.required'),
        placeholder: t('admin.rejectReason.placeholder'),
        onSubmit: async (reason) => {
          await reviewListing(listing.id, 'reject', reason);
          message.success(t('trade.review.rejected'));
          onDone();
        },
      }}
    />
  );
}

/** 撤牌 with a reason: the seller's side, before review or while open (not an auction with bids). */
export function WithdrawListingButton({ listing, onDone }: { listing: Target; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="listing-withdraw">
        {t('trade.withdraw')}
      </Button>
      <ReasonModal
        open={open}
        title={t('trade.withdraw.title', { title: listing.title })}
        okText={t('trade.withdraw')}
        hint={t('trade.withdraw.hint')}
        label={t('cat.withdraw.reason')}
        requiredMessage={t('cat.required')}
        rows={3}
        onSubmit={async (reason) => {
          await withdrawListing(listing.id, reason);
          message.success(t('trade.withdraw.done'));
          onDone();
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
