import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${t('common.notFound.title')} · 科转通`;
  }, [t]);
  return (
    <div className="container">
      <Result
        status="404"
        title="404"
        subTitle={
          <>
            <div style={{ fontSize: 18, color: '#1f2937' }}>{t('common.notFound.title')}</div>
            <div>{t('common.notFound.desc')}</div>
          </>
        }
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </div>
  );
}
