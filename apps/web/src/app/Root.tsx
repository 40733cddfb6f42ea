import { App as AntApp, ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router-dom';
import { I18nProvider, useI18n } from '../i18n/index.tsx';
import { AuthProvider } from './auth.tsx';
import { router } from './router.tsx';
import { theme } from './theme.ts';

function Providers() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Providers />
    </I18nProvider>
  );
}
