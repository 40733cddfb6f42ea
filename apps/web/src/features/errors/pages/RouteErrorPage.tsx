import { Button, Result, Space } from 'antd';
import { useEffect } from 'react';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';

/** A page's code could not be fetched: after a new release the old file names are gone. */
const isStaleChunk = (e: unknown) => e instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Loading chunk/i.test(e.message);
const RELOADED = 'kzt.reloadedForChunk';

/**
 * What a person sees when a page fails instead of React Router's developer
 * screen: a plain Chinese message, a way to reload and a way home. A page whose
 * code changed under it (a new release) is reloaded once by itself.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useI18n();
  const navigate = useNavigate();
  const stale = isStaleChunk(error);
  useEffect(() => {
    document.title = `${t('common.error.title')} · 科转通`;
    if (stale && !sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    }
  }, [stale, t]);
  useEffect(() => {
    if (!stale) sessionStorage.removeItem(RELOADED);
    console.error(error);
  }, [error, stale]);
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title="404" subTitle={t('common.notFound.title')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
  }
  return (
    <div className="container" data-testid="route-error">
      <Result
        status="warning"
        title={t(stale ? 'common.error.stale' : 'common.error.title')}
        subTitle={t('common.error.desc')}
        extra={
          <Space wrap>
            <Button type="primary" onClick={() => window.location.reload()}>
              {t('common.error.reload')}
            </Button>
            <Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>
          </Space>
        }
      />
    </div>
  );
}
