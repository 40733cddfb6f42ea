import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RouteErrorPage } from '../features/errors/pages/RouteErrorPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { loadMessages, type Area } from '../i18n/index.tsx';
import { RequireAuth } from './auth.tsx';
import { MODULES } from './navigation.tsx';

/**
 * Each page is its own chunk, loaded when its route is first drawn (the
 * layout's Suspense shows PageLoading meanwhile), so the first page carries
 * only the shell and itself. A new page is added here the same way; a page
 * whose strings are in an area's dictionary (i18n `AREAS`) names the area, and
 * is drawn once both the page and those strings have arrived.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function page<K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K, ...areas: Area[]) {
  return lazy(() => Promise.all([load(), loadMessages(...areas)]).then(([m]) => ({ default: m[name] })));
}

const HomePage = page(() => import('../features/home/pages/HomePage.tsx'), 'HomePage');
const LoginPage = page(() => import('../features/auth/pages/LoginPage.tsx'), 'LoginPage');
const RegisterPage = page(() => import('../features/auth/pages/RegisterPage.tsx'), 'RegisterPage');
const OrgApplyPage = page(() => import('../features/organizations/pages/OrgApplyPage.tsx'), 'OrgApplyPage');
const MyOrganizationsPage = page(() => import('../features/organizations/pages/MyOrganizationsPage.tsx'), 'MyOrganizationsPage');
const OrganizationPage = page(() => import('../features/organizations/pages/OrganizationPage.tsx'), 'OrganizationPage');
const MePage = page(() => import('../features/me/pages/MePage.tsx'), 'MePage');
const MyFilesPage = page(() => import('../features/me/pages/MyFilesPage.tsx'), 'MyFilesPage');
const AdminLayout = page(() => import('../features/admin/pages/AdminLayout.tsx'), 'AdminLayout');
const VerificationPage = page(() => import('../features/admin/pages/VerificationPage.tsx'), 'VerificationPage');
const AuditPage = page(() => import('../features/admin/pages/AuditPage.tsx'), 'AuditPage');
const AchievementListPage = page(() => import('../features/achievements/pages/AchievementListPage.tsx'), 'AchievementListPage');
const AchievementDetailPage = page(() => import('../features/achievements/pages/AchievementDetailPage.tsx'), 'AchievementDetailPage');
const AchievementFormPage = page(() => import('../features/achievements/pages/AchievementFormPage.tsx'), 'AchievementFormPage');
const DemandListPage = page(() => import('../features/demands/pages/DemandListPage.tsx'), 'DemandListPage');
const DemandDetailPage = page(() => import('../features/demands/pages/DemandDetailPage.tsx'), 'DemandDetailPage', 'challenges');
const DemandFormPage = page(() => import('../features/demands/pages/DemandFormPage.tsx'), 'DemandFormPage');
const MyRecordsPage = page(() => import('../features/catalogue/pages/MyRecordsPage.tsx'), 'MyRecordsPage');
const ReviewQueuePage = page(() => import('../features/catalogue/pages/ReviewQueuePage.tsx'), 'ReviewQueuePage');
const ImportWizardPage = page(() => import('../features/imports/pages/ImportWizardPage.tsx'), 'ImportWizardPage');
const ComingSoonPage = page(() => import('../features/upcoming/pages/ComingSoonPage.tsx'), 'ComingSoonPage');
const DemandListsPage = page(() => import('../features/demandLists/pages/DemandListsPage.tsx'), 'DemandListsPage');
const DemandListDetailPage = page(() => import('../features/demandLists/pages/DemandListDetailPage.tsx'), 'DemandListDetailPage');
const AdminDemandListsPage = page(() => import('../features/demandLists/pages/AdminDemandListsPage.tsx'), 'AdminDemandListsPage');
const AdminDemandListPage = page(() => import('../features/demandLists/pages/AdminDemandListPage.tsx'), 'AdminDemandListPage');
const NotFoundPage = page(() => import('../features/errors/pages/NotFoundPage.tsx'), 'NotFoundPage');
const NotificationsPage = page(() => import('../features/notifications/pages/NotificationsPage.tsx'), 'NotificationsPage');
const SubscriptionsPage = page(() => import('../features/push/pages/SubscriptionsPage.tsx'), 'SubscriptionsPage');
const UnsubscribePage = page(() => import('../features/push/pages/UnsubscribePage.tsx'), 'UnsubscribePage');
const MyReviewsPage = page(() => import('../features/matchReviews/pages/MyReviewsPage.tsx'), 'MyReviewsPage');
const InquiriesPage = page(() => import('../features/admin/pages/InquiriesPage.tsx'), 'InquiriesPage');
const MatchFeedbackPage = page(() => import('../features/admin/pages/MatchFeedbackPage.tsx'), 'MatchFeedbackPage');
const ListingHallPage = page(() => import('../features/trading/pages/ListingHallPage.tsx'), 'ListingHallPage');
const ListingDetailPage = page(() => import('../features/trading/pages/ListingDetailPage.tsx'), 'ListingDetailPage');
const ListingFormPage = page(() => import('../features/trading/pages/ListingFormPage.tsx'), 'ListingFormPage');
const PriceRecordPage = page(() => import('../features/trading/pages/PriceRecordPage.tsx'), 'PriceRecordPage');
const DealsPage = page(() => import('../features/trading/pages/DealsPage.tsx'), 'DealsPage');
const DealDetailPage = page(() => import('../features/trading/pages/DealDetailPage.tsx'), 'DealDetailPage');
const ListingReviewPage = page(() => import('../features/trading/pages/ListingReviewPage.tsx'), 'ListingReviewPage');
const TradingSettingsPage = page(() => import('../features/trading/pages/TradingSettingsPage.tsx'), 'TradingSettingsPage');
const InvitationPage = page(() => import('../features/auth/pages/InvitationPage.tsx'), 'InvitationPage');
const LegalPage = page(() => import('../features/legal/pages/LegalPage.tsx'), 'LegalPage');
const MessagesPage = page(() => import('../features/engage/pages/MessagesPage.tsx'), 'MessagesPage');
const ConversationPage = page(() => import('../features/engage/pages/ConversationPage.tsx'), 'ConversationPage');
const FavouritesPage = page(() => import('../features/engage/pages/FavouritesPage.tsx'), 'FavouritesPage');
const SubsidiesPage = page(() => import('../features/policy/pages/SubsidiesPage.tsx'), 'SubsidiesPage', 'policy');
const PolicyRecordsPage = page(() => import('../features/policy/pages/PolicyRecordsPage.tsx'), 'PolicyRecordsPage', 'policy');
const BrokerWorkbenchPage = page(() => import('../features/workbench/pages/BrokerWorkbenchPage.tsx'), 'BrokerWorkbenchPage');
const ExpertWorkbenchPage = page(() => import('../features/workbench/pages/ExpertWorkbenchPage.tsx'), 'ExpertWorkbenchPage');
const ProfileReviewPage = page(() => import('../features/workbench/pages/ProfileReviewPage.tsx'), 'ProfileReviewPage');
const SearchPage = page(() => import('../features/home/pages/SearchPage.tsx'), 'SearchPage');
const WorkbenchPage = page(() => import('../features/home/pages/WorkbenchPage.tsx'), 'WorkbenchPage');
const AnnouncementListPage = page(() => import('../features/announcements/pages/AnnouncementListPage.tsx'), 'AnnouncementListPage');
const AnnouncementPage = page(() => import('../features/announcements/pages/AnnouncementPage.tsx'), 'AnnouncementPage');
const StatisticsPage = page(() => import('../features/statistics/pages/StatisticsPage.tsx'), 'StatisticsPage', 'statistics');
const WallScreenPage = page(() => import('../features/statistics/pages/WallScreenPage.tsx'), 'WallScreenPage', 'statistics');
const AdminAnnouncementsPage = page(() => import('../features/announcements/pages/AdminAnnouncementsPage.tsx'), 'AdminAnnouncementsPage');
const DistributionPlanPage = page(() => import('../features/distributions/pages/DistributionPlanPage.tsx'), 'DistributionPlanPage', 'distributions');
const MyIncomePage = page(() => import('../features/distributions/pages/MyIncomePage.tsx'), 'MyIncomePage', 'distributions');
const ChallengeBoardPage = page(() => import('../features/challenges/pages/ChallengeBoardPage.tsx'), 'ChallengeBoardPage', 'challenges');
const ChallengeDetailPage = page(() => import('../features/challenges/pages/ChallengeDetailPage.tsx'), 'ChallengeDetailPage', 'challenges');
const ChallengeFormPage = page(() => import('../features/challenges/pages/ChallengeFormPage.tsx'), 'ChallengeFormPage', 'challenges');
const BidFormPage = page(() => import('../features/challenges/pages/BidFormPage.tsx'), 'BidFormPage', 'challenges');
const AgreementPage = page(() => import('../features/challenges/pages/AgreementPage.tsx'), 'AgreementPage', 'challenges');
const ScoringPage = page(() => import('../features/challenges/pages/ScoringPage.tsx'), 'ScoringPage', 'challenges');
const ContractsPage = page(() => import('../features/contracts/pages/ContractsPage.tsx'), 'ContractsPage', 'contracts');
const ContractFormPage = page(() => import('../features/contracts/pages/ContractFormPage.tsx'), 'ContractFormPage', 'contracts');
const ContractDetailPage = page(() => import('../features/contracts/pages/ContractDetailPage.tsx'), 'ContractDetailPage', 'contracts');
const ContractImportPage = page(() => import('../features/contracts/pages/ContractImportPage.tsx'), 'ContractImportPage', 'contracts');
const CertificatePage = page(() => import('../features/contracts/pages/CertificatePage.tsx'), 'CertificatePage', 'contracts');
const VerifyPage = page(() => import('../features/contracts/pages/VerifyPage.tsx'), 'VerifyPage', 'contracts');

export const router = createBrowserRouter([
  // 数据大屏: full screen, without the site's header and footer.
  { path: 'statistics/screen/:code', element: <WallScreenPage />, errorElement: <RouteErrorPage /> },
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    // A page that fails shows the error inside the site's header and footer.
    children: [{ errorElement: <RouteErrorPage />, children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'invitations/:id', element: <InvitationPage /> },
      { path: 'legal/terms', element: <LegalPage key="terms" kind="terms" /> },
      { path: 'legal/privacy', element: <LegalPage key="privacy" kind="privacy" /> },
      { path: 'org/apply', element: <RequireAuth><OrgApplyPage /></RequireAuth> },
      { path: 'org', element: <RequireAuth><MyOrganizationsPage /></RequireAuth> },
      { path: 'org/:id', element: <RequireAuth><OrganizationPage /></RequireAuth> },
      { path: 'me', element: <RequireAuth><MePage /></RequireAuth> },
      { path: 'me/files', element: <RequireAuth><MyFilesPage /></RequireAuth> },
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
      { path: 'messages', element: <RequireAuth><MessagesPage /></RequireAuth> },
      { path: 'messages/:id', element: <RequireAuth><ConversationPage /></RequireAuth> },
      { path: 'favourites', element: <RequireAuth><FavouritesPage /></RequireAuth> },
      { path: 'subsidies', element: <SubsidiesPage /> },
      { path: 'subsidies/records', element: <RequireAuth><PolicyRecordsPage /></RequireAuth> },
      { path: 'workbench/broker', element: <RequireAuth><BrokerWorkbenchPage /></RequireAuth> },
      { path: 'workbench/expert', element: <RequireAuth><ExpertWorkbenchPage /></RequireAuth> },
      { path: 'search', element: <SearchPage /> },
      { path: 'workbench', element: <RequireAuth><WorkbenchPage /></RequireAuth> },
      { path: 'announcements', element: <AnnouncementListPage /> },
      { path: 'announcements/:id', element: <AnnouncementPage /> },
      { path: 'statistics', element: <StatisticsPage /> },
      { path: 'distributions/:contractId', element: <RequireAuth><DistributionPlanPage /></RequireAuth> },
      { path: 'me/income', element: <RequireAuth><MyIncomePage /></RequireAuth> },
      { path: 'challenges', element: <ChallengeBoardPage /> },
      { path: 'challenges/new', element: <RequireAuth><ChallengeFormPage /></RequireAuth> },
      { path: 'challenges/:id', element: <ChallengeDetailPage /> },
      { path: 'challenges/:id/bid', element: <RequireAuth><BidFormPage /></RequireAuth> },
      { path: 'challenges/:id/score', element: <RequireAuth><ScoringPage /></RequireAuth> },
      { path: 'challenges/:id/agreement/:bidId', element: <RequireAuth><AgreementPage /></RequireAuth> },
      { path: 'challenges/:id/milestones', element: <RequireAuth><ChallengeDetailPage focus="milestones" /></RequireAuth> },
      { path: 'contracts', element: <RequireAuth><ContractsPage /></RequireAuth> },
      { path: 'contracts/new', element: <RequireAuth><ContractFormPage /></RequireAuth> },
      { path: 'contracts/import', element: <RequireAuth><ContractImportPage /></RequireAuth> },
      { path: 'contracts/:id', element: <RequireAuth><ContractDetailPage /></RequireAuth> },
      { path: 'contracts/:id/edit', element: <RequireAuth><ContractFormPage /></RequireAuth> },
      { path: 'contracts/:id/certificate', element: <RequireAuth><CertificatePage /></RequireAuth> },
      { path: 'verify/contracts', element: <VerifyPage /> },
      { path: 'verify/contracts/:number', element: <VerifyPage /> },
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
          { path: 'profile-review', element: <ProfileReviewPage /> },
          { path: 'announcements', element: <AdminAnnouncementsPage /> },
        ],
      },
      ...MODULES.filter((m) => !m.live).map((m) => ({ path: m.path.slice(1), element: <ComingSoonPage module={m} /> })),
      { path: '*', element: <NotFoundPage /> },
    ] }],
  },
]);
