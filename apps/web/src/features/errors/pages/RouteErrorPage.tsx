import { Button } from 'antd';
import { useEffect } from 'react';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';

/** A page's code could not be fetched: after a new release the old file names are gone. */
const isStaleChunk = (e: unknown) => e instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Loading chunk/i.test(e.message);
const RELOADED = 'kzt.reloadedForChunk';

/**
 * What a person sees when a page fails instead of React Router's developer
 * screen: a plain Chinese message, a way to reload and a way home. A page whose
 * code changed under it (a new release) is reloaded once by itself. Plain
 * markup and a Button only: it is part of the first page's JavaScript.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useI18n();
  const navigate = useNavigate();
  const stale = isStaleChunk(error);
  const missing = isRouteErrorResponse(error) && error.status === 404;
  useEffect(() => {
    document.title = `${t(missing ? 'common.notFound.title' : 'common.error.title')} · 科转通`;
    if (stale && !sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    }
  }, [stale, missing, t]);
  useEffect(() => {
    if (!stale) sessionStorage.removeItem(RELOADED);
    console.error(error);
  }, [error, stale]);
  return (
    <div className="container route-error" data-testid="route-error" role="alert">
      <div className="route-error-mark" aria-hidden>
        !
      </div>
      <h1>{t(missing ? 'common.notFound.title' : stale ? 'common.error.stale' : 'common.error.title')}</h1>
      <p>{t(missing ? 'common.notFound.desc' : 'common.error.desc')}</p>
      <div className="route-error-actions">
        {!missing && (
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.error.reload')}
          </Button>
        )}
        <Button type={missing ? 'primary' : 'default'} onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      </div>
    </div>
  );
}
