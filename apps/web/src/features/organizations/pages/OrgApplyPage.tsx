import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { creditCodeProblem, creditCodeSaysPublicInstitution, normalizeCreditCode, type OrganizationType } from '@kzt/shared';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { createOrganization, LICENCE_ACCEPT, LICENCE_MAX_BYTES, uploadLicence, type CreateOrganizationInput } from '../api.ts';
import { useOrgLabels } from '../labels.tsx';

type Values = {
  name: string;
  type: OrganizationType;
  creditCode: string;
  jurisdictionCode: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
  publicInstitution?: boolean;
  /** The business licence (营业执照), uploaded right after the application is created. */
  licence?: UploadFile[];
};

export function OrgApplyPage() {
  const { t } = useI18n();
  const labels = useOrgLabels();
  const [form] = Form.useForm<Values>();
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const [submitting, setSubmitting] = useState(false);
  /** The applicant ticked or cleared 事业单位 themselves: the credit code no longer sets it. */
  const flagSetByHand = useRef(false);

  useEffect(() => {
    document.title = `${t('org.apply.title')} · 科转通`;
  }, [t]);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    const body: CreateOrganizationInput = {
      name: v.name.trim(),
      type: v.type,
      creditCode: normalizeCreditCode(v.creditCode),
      jurisdictionCode: v.jurisdictionCode,
      ...(v.publicInstitution !== undefined ? { publicInstitution: v.publicInstitution } : {}),
    };
    for (const k of ['address', 'contactName', 'contactPhone', 'description'] as const) {
      const val = v[k]?.trim();
      if (val) body[k] = val;
    }
    try {
      const org = await createOrganization(body);
      const licence = v.licence?.[0]?.originFileObj;
      if (licence) {
        try {
          await uploadLicence(org.id, licence);
        } catch (e) {
          // The application exists: the owner uploads the licence again on its page.
          onError(e);
          await refresh().catch(() => null);
          navigate(`/org/${org.id}`);
          return;
        }
      }
      message.success(t('org.apply.success'));
      await refresh().catch(() => null);
      navigate(`/org/${org.id}`);
    } catch (e) {
      onError(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  const notAllowed = me && !me.allowedActions.includes('organization.create');

  return (
    <div className="container">
      <div className="narrow">
        <div className="page-header">
          <h1>{t('org.apply.title')}</h1>
          <p>{t('org.apply.lead')}</p>
        </div>
        {notAllowed && <Alert type="warning" showIcon title={t('org.apply.notAllowed')} style={{ marginBottom: 16 }} />}
        <Card>
          <Form
            form={form}
            layout="vertical"
            onFinish={onFinish}
            requiredMark="optional"
            scrollToFirstError
            // A valid code beginning 12 is a 事业单位's: the box follows the code until the applicant sets it.
            onValuesChange={(changed: Partial<Values>) => {
              if (changed.creditCode !== undefined && !flagSetByHand.current && !creditCodeProblem(changed.creditCode))
                form.setFieldValue('publicInstitution', creditCodeSaysPublicInstitution(changed.creditCode));
            }}
          >
            <Form.Item
              name="name"
              label={t('org.field.name')}
              rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('org.field.name') }) }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="type" label={t('org.field.type')} rules={[{ required: true, message: t('org.selectType') }]}>
              <Select options={labels.typeOptions} placeholder={t('org.selectType')} data-testid="org-type" />
            </Form.Item>
            <Form.Item
              name="creditCode"
              label={t('org.field.creditCode')}
              extra={t('org.field.creditCode.help')}
              normalize={(v: string) => v.toUpperCase()}
              validateTrigger={['onBlur', 'onSubmit']}
              rules={[
                { required: true, whitespace: true, message: t('auth.required', { field: t('org.field.creditCode') }) },
                {
                  validator: async (_, v?: string) => {
                    if (!v?.trim()) return;
                    const problem = creditCodeProblem(v);
                    if (problem) throw new Error(t(`err.creditCode.${problem}`));
                  },
                },
              ]}
            >
              <Input maxLength={24} className="mono" autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item
              name="jurisdictionCode"
              label={t('org.field.jurisdiction')}
              rules={[{ required: true, message: t('org.selectJurisdiction') }]}
            >
              <JurisdictionSelect />
            </Form.Item>
            <Form.Item name="address" label={t('org.field.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="contactName" label={t('org.field.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('org.field.contactPhone')}>
              <Input maxLength={30} type="tel" />
            </Form.Item>
            <Form.Item name="description" label={t('org.field.description')}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="publicInstitution" valuePropName="checked" extra={t('org.publicInstitution.hint')}>
              <Checkbox data-testid="org-public-institution" onChange={() => (flagSetByHand.current = true)}>
                {t('org.publicInstitution.declare')}
              </Checkbox>
            </Form.Item>
            <Form.Item
              name="licence"
              label={t('org.licence.title')}
              extra={t('org.licence.hint')}
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
              rules={[
                { required: true, message: t('org.licence.required') },
                {
                  validator: async (_, list?: UploadFile[]) => {
                    const f = list?.[0];
                    if (!f) return;
                    const ext = `.${f.name.split('.').pop()?.toLowerCase() ?? ''}`;
                    if (!LICENCE_ACCEPT.split(',').includes(ext)) throw new Error(t('att.badType'));
                    if ((f.size ?? 0) > LICENCE_MAX_BYTES) throw new Error(t('org.licence.tooLarge'));
                  },
                },
              ]}
            >
              <Upload accept={LICENCE_ACCEPT} maxCount={1} beforeUpload={() => false} data-testid="org-licence">
                <Button icon={<UploadOutlined />}>{t('org.licence.choose')}</Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={submitting}>
              {t('org.apply.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
