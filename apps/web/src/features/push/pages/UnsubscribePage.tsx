import { MailOutlined } from '@ant-design/icons';
import { App, Button, Card, Result } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { unsubscribe } from '../api.ts';

/** The e-mail's unsubscribe link: asks for a confirmation, then stops e-mail and SMS pushes. */
export function UnsubscribePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('unsub.title')} · 科转通`;
  }, [t]);

  const confirm = async () => {
    setBusy(true);
    try {
      await unsubscribe(token);
      setDone(true);
      message.success(t('unsub.done'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setFailure(e.detail);
      else onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container narrow" data-testid="unsubscribe-page">
      <Card>
        {!token ? (
          <Result status="warning" title={t('unsub.noToken')} subTitle={t('unsub.noTokenDesc')} extra={<Link to="/"><Button>{t('common.backHome')}</Button></Link>} />
        ) : failure ? (
          <Result status="error" title={t('unsub.invalid')} subTitle={failure} extra={<Link to="/subscriptions"><Button>{t('unsub.toSettings')}</Button></Link>} data-testid="unsubscribe-invalid" />
        ) : done ? (
          <Result
            status="success"
            title={t('unsub.done')}
            subTitle={t('unsub.doneDesc')}
            extra={<Link to="/subscriptions"><Button>{t('unsub.toSettings')}</Button></Link>}
            data-testid="unsubscribe-done"
          />
        ) : (
          <Result
            icon={<MailOutlined style={{ color: 'var(--kzt-primary)' }} />}
            title={t('unsub.title')}
            subTitle={t('unsub.lead')}
            extra={
              <Button type="primary" danger loading={busy} onClick={() => void confirm()} data-testid="unsubscribe-confirm">
                {t('unsub.confirm')}
              </Button>
            }
          />
        )}
      </Card>
    </div>
  );
}
