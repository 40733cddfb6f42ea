import { App, Empty, Form, Input, Modal, Select } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchExpertMatches, requestReview, type MatchSide } from '../api.ts';

export type ReviewPair = { demandId: string; achievementId: string; demandTitle: string; achievementTitle: string };

type Props = {
  /** The record whose matches are shown: its recommended experts are the choices. */
  sourceType: MatchSide;
  sourceId: string;
  pair: ReviewPair | null;
  onClose: () => void;
  onDone: () => void;
};


/** 请专家论证: an administrator or broker picks experts for one proposed pair. */
export function ReviewRequestModal({ sourceType, sourceId, pair, onClose, onDone }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const m = useFormModal<{ expertUserIds: string[]; note?: string }, { excluded: { user: { name: string | null } }[] }>({
    controlled: { open: !!pair, onClose },
    action: (v) => requestReview({ demandId: pair!.demandId, achievementId: pair!.achievementId, expertUserIds: v.expertUserIds, note: v.note?.trim() ?? '' }),
    success: (r, v) => {
      const invited = v.expertUserIds.length - r.excluded.length;
      if (r.excluded.length === 0) return t('match.review.sent', { n: invited });
      modal.info({ title: t('match.review.sent', { n: invited }), content: t('match.review.excluded', { n: r.excluded.length, names: r.excluded.map((x) => x.user.name ?? '').join('、') }) });
      return undefined;
    },
    onDone,
  });
  const experts = useAsync((signal) => (pair ? fetchExpertMatches(sourceType, sourceId, signal) : Promise.resolve(undefined)), [sourceType, sourceId, !!pair]);
  const items = experts.data?.items ?? [];

  return (
    <Modal
      {...m.modalProps}
      title={t('match.review.title')}
      okText={t('match.review.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: items.length === 0, 'data-testid': 'review-request-submit' }}
      destroyOnHidden
      width={560}
    >
      {pair && (
        <div className="review-pair">
          <div><span className="muted">{t('rev.demand')}{t('common.colon')}</span>{pair.demandTitle}</div>
          <div><span className="muted">{t('rev.achievement')}{t('common.colon')}</span>{pair.achievementTitle}</div>
        </div>
      )}
      {!experts.loading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('match.review.noExperts')} />
      ) : (
        <Form form={m.form} layout="vertical" preserve={false}>
          <Form.Item
            name="expertUserIds"
            label={t('match.review.experts')}
            extra={t('match.review.expertsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('match.review.expertsRequired') }]}
          >
            <Select
              mode="multiple"
              loading={experts.loading}
              placeholder={t('match.review.expertsPlaceholder')}
              optionFilterProp="label"
              options={items.map((e) => ({
                value: e.user.id,
                label: [e.user.name, e.title, e.fields.slice(0, 3).join('、')].filter(Boolean).join(' · ') + ` · ${t('match.score')} ${e.score}`,
              }))}
              data-testid="review-experts"
            />
          </Form.Item>
          <Form.Item name="note" label={`${t('match.review.note')}（${t('common.optional')}）`}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('match.review.note.placeholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
