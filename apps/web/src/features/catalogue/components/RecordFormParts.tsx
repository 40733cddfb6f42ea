import { Alert, App, Button, Space, Tooltip, type FormInstance } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useLeaveGuard } from '../../../lib/useLeaveGuard.tsx';
import { validateInView } from '../../../lib/validate.ts';
import { submitRecord, type RecordBase, type RecordKindKey } from '../api.ts';

type SaveOptions<V, B extends { organizationId?: string | null }> = {
  kind: RecordKindKey;
  /** The record being edited; none for a new one. */
  record?: RecordBase;
  form: FormInstance<V>;
  toBody: (values: V) => B;
  create: (body: B) => Promise<{ id: string }>;
  /** An existing record keeps its organisation. */
  update: (id: string, patch: Omit<B, 'organizationId'>) => Promise<{ id: string }>;
};

/**
 * 保存草稿 / 保存并提交 for an achievement or a demand: validates, saves, submits when asked,
 * then opens the record. 保存并提交 is offered exactly when the record's allowedActions hold `submit`.
 */
export function useRecordSave<V, B extends { organizationId?: string | null }>({ kind, record, form, toBody, create, update }: SaveOptions<V, B>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const published = record?.status === 'published';
  const canSubmit = !record || record.allowedActions.includes('submit');
  // What was typed is not lost by a stray click, 取消, back or a reload: the page asks first.
  const allowLeave = useLeaveGuard(() => form.isFieldsTouched());

  const save = async (submit: boolean) => {
    const v = await validateInView(form);
    if (v === null) {
      message.error(t('cat.form.invalid'));
      return;
    }
    setBusy(submit ? 'submit' : 'draft');
    try {
      const body = toBody(v);
      let saved: { id: string };
      if (record) {
        const { organizationId: _o, ...patch } = body;
        saved = await update(record.id, patch);
      } else {
        saved = await create(body);
      }
      if (submit) {
        try {
          await submitRecord(kind, saved.id);
          message.success(t('cat.submit.done'));
        } catch (e) {
          // Saved but not submitted: the record page says what is missing.
          onError(e);
        }
      } else {
        message.success(t(published ? 'cat.saved.published' : 'cat.saved.draft'));
      }
      allowLeave();
      navigate(`/${kind}/${saved.id}`);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(null);
    }
  };

  return { save, busy, canSubmit, published };
}

/** The reviewer's reason for a returned record, and the note that a published one stays public while edited. */
export function RecordFormNotices({ record }: { record?: RecordBase & { reviewReason?: string | null } }) {
  const { t } = useI18n();
  return (
    <>
      {record?.status === 'returned' && record.reviewReason && <Alert type="error" showIcon title={t('cat.returned.title')} description={record.reviewReason} />}
      {record?.status === 'published' && <Alert type="info" showIcon title={t('cat.editPublished')} />}
    </>
  );
}

/**
 * 取消 · 保存草稿 (or 保存修改) · 保存并提交. `unverified`: the organisation is not verified yet, so 保存并提交
 * stays visible but disabled, with the reason (the form's UnverifiedOrgAlert says the same at the top).
 */
export function RecordFormActions({ kind, record, saving, unverified = false }: { kind: RecordKindKey; record?: RecordBase; saving: ReturnType<typeof useRecordSave>; unverified?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { busy, save, canSubmit, published } = saving;
  return (
    <div className="form-actions">
      <Space wrap>
        <Button size="large" onClick={() => navigate(record ? `/${kind}/${record.id}` : `/me/${kind}`)}>
          {t('common.cancel')}
        </Button>
        <Button size="large" loading={busy === 'draft'} disabled={!!busy} onClick={() => void save(false)} data-testid="save-draft">
          {t(published ? 'cat.savePublished' : 'cat.saveDraft')}
        </Button>
        {unverified && (!record || record.status !== 'published') ? (
          <Tooltip title={t('cat.unverified.submit')}>
            <Button size="large" type="primary" disabled data-testid="save-submit">
              {t('cat.saveAndSubmit')}
            </Button>
          </Tooltip>
        ) : (
          canSubmit && (
            <Button size="large" type="primary" loading={busy === 'submit'} disabled={!!busy} onClick={() => void save(true)} data-testid="save-submit">
              {t('cat.saveAndSubmit')}
            </Button>
          )
        )}
      </Space>
    </div>
  );
}
