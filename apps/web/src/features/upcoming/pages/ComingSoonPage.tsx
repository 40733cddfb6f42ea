import { Button, Card, Result } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ModuleNav } from '../../../app/navigation.tsx';
import { useI18n } from '../../../i18n/index.tsx';

/** Placeholder for a module that is announced in the navigation but not built yet. */
export function ComingSoonPage({ module }: { module: ModuleNav }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${t(module.label)} · 科转通`;
  }, [t, module]);
  return (
    <div className="container">
      <Card>
        <Result
          icon={<span style={{ fontSize: 64, color: '#1a4f9c' }}>{module.icon}</span>}
          title={t('comingSoon.title', { module: t(module.label) })}
          subTitle={
            <>
              <div style={{ fontSize: 15, color: '#1f2937' }} data-testid="module-description">
                {t(module.description)}
              </div>
              <div style={{ marginTop: 6 }}>{t('comingSoon.hint')}</div>
            </>
          }
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('comingSoon.back')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}
