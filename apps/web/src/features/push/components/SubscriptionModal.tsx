import { Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { TagsInput } from '../../catalogue/components/FormParts.tsx';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { createSubscription, updateSubscription, type Subscription, type SubscriptionInput } from '../api.ts';

/** `value`: 'new', a subscription to edit, or null (closed). */
export function SubscriptionModal({ value, onClose, onSaved }: { value: Subscription | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const m = useFormModal<SubscriptionInput>({
    controlled: { open: !!value, onClose },
    action: async (v) => {
      const body: SubscriptionInput = {
        name: v.name.trim(),
        recordType: v.recordType,
        keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
        industries: v.industries ?? [],
        regions: v.regions ?? [],
        active: v.active ?? true,
      };
      if (value === 'new') await createSubscription(body);
      else if (value) await updateSubscription(value.id, body);
    },
    success: t('push.saved'),
    onDone: onSaved,
  });
  const form = m.form;

  useEffect(() => {
    if (!value) return;
    form.setFieldsValue(
      value === 'new'
        ? { name: '', recordType: 'achievement', keywords: [], industries: [], regions: [], active: true }
        : { name: value.name, recordType: value.recordType, keywords: value.keywords, industries: value.industries, regions: value.regions, active: value.active },
    );
  }, [value, form]);

  return (
    <Modal
      {...m.modalProps}
      title={t(value === 'new' ? 'push.subs.new' : 'push.subs.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'subscription-save' }}
      forceRender
      width={600}
    >
      <Form form={form} layout="vertical" data-testid="subscription-form">
        <Form.Item name="name" label={t('push.field.name')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
          <Input maxLength={50} placeholder={t('push.field.name.placeholder')} />
        </Form.Item>
        <Form.Item name="recordType" label={t('push.field.recordType')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'achievement', label: t('push.recordType.achievement') },
              { value: 'demand', label: t('push.recordType.demand') },
            ]}
          />
        </Form.Item>
        <Form.Item name="keywords" label={t('push.field.keywords')} extra={t('push.keywords.hint')}>
          <TagsInput max={20} placeholder={t('me.profile.fields.placeholder')} />
        </Form.Item>
        <Form.Item name="industries" label={t('push.field.industries')}>
          <Select mode="multiple" allowClear options={L.industryOptions} optionFilterProp="label" placeholder={t('push.any')} data-testid="subscription-industries" />
        </Form.Item>
        <Form.Item name="regions" label={t('push.field.regions')} extra={t('push.regions.hint')}>
          <JurisdictionSelect multiple allowClear placeholder={t('push.any')} />
        </Form.Item>
        <Form.Item name="active" label={t('push.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
