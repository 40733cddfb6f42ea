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
import { AchievementListPage } from '../features/achievements/pages/AchievementListPage.tsx';
import { AchievementDetailPage } from '../features/achievements/pages/AchievementDetailPage.tsx';
import { AchievementFormPage } from '../features/achievements/pages/AchievementFormPage.tsx';
import { DemandListPage } from '../features/demands/pages/DemandListPage.tsx';
import { DemandDetailPage } from '../features/demands/pages/DemandDetailPage.tsx';
import { DemandFormPage } from '../features/demands/pages/DemandFormPage.tsx';
import { MyRecordsPage } from '../features/catalogue/pages/MyRecordsPage.tsx';
import { ReviewQueuePage } from '../features/catalogue/pages/ReviewQueuePage.tsx';
import { ImportWizardPage } from '../features/imports/pages/ImportWizardPage.tsx';
import { ComingSoonPage } from '../features/upcoming/pages/ComingSoonPage.tsx';
import { DemandListsPage } from '../features/demandLists/pages/DemandListsPage.tsx';
import { DemandListDetailPage } from '../features/demandLists/pages/DemandListDetailPage.tsx';
import { AdminDemandListsPage } from '../features/demandLists/pages/AdminDemandListsPage.tsx';
import { AdminDemandListPage } from '../features/demandLists/pages/AdminDemandListPage.tsx';
import { NotFoundPage } from '../features/errors/pages/NotFoundPage.tsx';
import { NotificationsPage } from '../features/notifications/pages/NotificationsPage.tsx';
import { SubscriptionsPage } from '../features/push/pages/SubscriptionsPage.tsx';
import { UnsubscribePage } from '../features/push/pages/UnsubscribePage.tsx';
import { MyReviewsPage } from '../features/matchReviews/pages/MyReviewsPage.tsx';
import { InquiriesPage } from '../features/admin/pages/InquiriesPage.tsx';
import { MatchFeedbackPage } from '../features/admin/pages/MatchFeedbackPage.tsx';
import { ListingHallPage } from '../features/trading/pages/ListingHallPage.tsx';
import { ListingDetailPage } from '../features/trading/pages/ListingDetailPage.tsx';
import { ListingFormPage } from '../features/trading/pages/ListingFormPage.tsx';
import { PriceRecordPage } from '../features/trading/pages/PriceRecordPage.tsx';
import { DealsPage } from '../features/trading/pages/DealsPage.tsx';
import { DealDetailPage } from '../features/trading/pages/DealDetailPage.tsx';
import { ListingReviewPage } from '../features/trading/pages/ListingReviewPage.tsx';
import { TradingSettingsPage } from '../features/trading/pages/TradingSettingsPage.tsx';
import { SearchPage } from '../features/home/pages/SearchPage.tsx';
import { WorkbenchPage } from '../features/home/pages/WorkbenchPage.tsx';
import { AnnouncementListPage } from '../features/announcements/pages/AnnouncementListPage.tsx';
import { AnnouncementPage } from '../features/announcements/pages/AnnouncementPage.tsx';
import { AdminAnnouncementsPage } from '../features/announcements/pages/AdminAnnouncementsPage.tsx';

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
      { path: 'notifications', element: <RequireAuth><NotificationsPage /></RequireAuth> },
      { path: 'subscriptions', element: <RequireAuth><SubscriptionsPage /></RequireAuth> },
      { path: 'unsubscribe', element: <UnsubscribePage /> },
      { path: 'reviews', element: <RequireAuth><MyReviewsPage /></RequireAuth> },
      { path: 'me/achievements', element: <RequireAuth><MyRecordsPage key="achievements" kind="achievements" /></RequireAuth> },
      { path: 'me/demands', element: <RequireAuth><MyRecordsPage key="demands" kind="demands" /></RequireAuth> },
      { path: 'imports/new', element: <RequireAuth><ImportWizardPage /></RequireAuth> },
      { path: 'achievements', element: <AchievementListPage /> },
      { path: 'achievements/new', element: <RequireAuth><AchievementFormPage /></RequireAuth> },
      { path: 'achievements/:id', element: <AchievementDetailPage /> },
      { path: 'achievements/:id/edit', element: <RequireAuth><AchievementFormPage /></RequireAuth> },
      { path: 'demands', element: <DemandListPage /> },
      { path: 'demands/new', element: <RequireAuth><DemandFormPage /></RequireAuth> },
      { path: 'demands/:id', element: <DemandDetailPage /> },
      { path: 'demands/:id/edit', element: <RequireAuth><DemandFormPage /></RequireAuth> },
      { path: 'demand-lists', element: <DemandListsPage /> },
      { path: 'demand-lists/:id', element: <DemandListDetailPage /> },
      { path: 'listings', element: <ListingHallPage /> },
      { path: 'listings/new', element: <RequireAuth><ListingFormPage /></RequireAuth> },
      { path: 'listings/:id', element: <ListingDetailPage /> },
      { path: 'listings/:id/record', element: <PriceRecordPage /> },
      { path: 'deals', element: <RequireAuth><DealsPage /></RequireAuth> },
      { path: 'deals/:id', element: <RequireAuth><DealDetailPage /></RequireAuth> },
      { path: 'search', element: <SearchPage /> },
      { path: 'workbench', element: <RequireAuth><WorkbenchPage /></RequireAuth> },
      { path: 'announcements', element: <AnnouncementListPage /> },
      { path: 'announcements/:id', element: <AnnouncementPage /> },
      {
        path: 'admin',
        element: <RequireAuth><AdminLayout /></RequireAuth>,
        children: [
          { index: true, element: null },
          { path: 'verification', element: <VerificationPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'achievement-review', element: <ReviewQueuePage key="achievements" kind="achievements" /> },
          { path: 'achievement-tracking', element: <ReviewQueuePage key="tracking" kind="achievements" track /> },
          { path: 'demand-review', element: <ReviewQueuePage key="demands" kind="demands" /> },
          { path: 'demand-lists', element: <AdminDemandListsPage /> },
          { path: 'demand-lists/:id', element: <AdminDemandListPage /> },
          { path: 'match-inquiries', element: <InquiriesPage /> },
          { path: 'match-feedback', element: <MatchFeedbackPage /> },
          { path: 'listing-review', element: <ListingReviewPage /> },
          { path: 'trading-settings', element: <TradingSettingsPage /> },
          { path: 'announcements', element: <AdminAnnouncementsPage /> },
        ],
      },
      ...MODULES.filter((m) => !m.live).map((m) => ({ path: m.path.slice(1), element: <ComingSoonPage module={m} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
