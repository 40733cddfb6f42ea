import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth } from './auth.tsx';
import { MODULES } from './navigation.tsx';
import { HomePage } from '../features/home/pages/HomePage.tsx';
import { LoginPage } from '../features/auth/pages/LoginPage.tsx';
import { RegisterPage } from '../features/auth/pages/RegisterPage.tsx';
import { OrgApplyPage } from '../features/organizations/pages/OrgApplyPage.tsx';
import { MyOrganizationsPage } from '../features/organizations/pages/MyOrganizationsPage.tsx';
import { OrganizationPage } from '../features/organizations/pages/OrganizationPage.tsx';
import { MePage } from '../features/me/pages/MePage.tsx';
import { AdminLayout } from '../features/admin/pages/AdminLayout.tsx';
import { VerificationPage } from '../features/admin/pages/VerificationPage.tsx';
import { AuditPage } from '../features/admin/pages/AuditPage.tsx';
import { ComingSoonPage } from '../features/upcoming/pages/ComingSoonPage.tsx';
import { NotFoundPage } from '../features/errors/pages/NotFoundPage.tsx';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'org/apply', element: <RequireAuth><OrgApplyPage /></RequireAuth> },
      { path: 'org', element: <RequireAuth><MyOrganizationsPage /></RequireAuth> },
      { path: 'org/:id', element: <RequireAuth><OrganizationPage /></RequireAuth> },
      { path: 'me', element: <RequireAuth><MePage /></RequireAuth> },
      {
        path: 'admin',
        element: <RequireAuth><AdminLayout /></RequireAuth>,
        children: [
          { index: true, element: null },
          { path: 'verification', element: <VerificationPage /> },
          { path: 'audit', element: <AuditPage /> },
        ],
      },
      ...MODULES.map((m) => ({ path: m.path.slice(1), element: <ComingSoonPage module={m} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
