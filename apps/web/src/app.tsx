import {
  AppShell,
  Badge,
  Burger,
  Group,
  NavLink,
  SegmentedControl,
  Text,
  Title,
  Button,
  Anchor,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuth, type Role } from './auth';
import { setLanguage, type Language } from './i18n';
import { Loading } from './ui';
import { SignInPage } from './pages/sign-in';
import { HomePage } from './pages/home';

const SearchPage = lazy(() => import('./pages/search'));
const OrganisationsPage = lazy(() => import('./pages/organisations'));
const OrganisationPage = lazy(() => import('./pages/organisation'));
const DocumentTreePage = lazy(() => import('./pages/document-tree'));
const IndicatorPage = lazy(() => import('./pages/indicator'));
const BatchesPage = lazy(() => import('./pages/batches'));
const BatchPage = lazy(() => import('./pages/batch'));
const FindingPage = lazy(() => import('./pages/finding'));
const RulesPage = lazy(() => import('./pages/rules'));
const RuleEditorPage = lazy(() => import('./pages/rule-editor'));
const KeysPage = lazy(() => import('./pages/keys'));
const ReviewPage = lazy(() => import('./pages/review'));

interface Entry {
  to: string;
  label: string;
  roles: Role[] | 'all';
}

export const NAVIGATION: Entry[] = [
  { to: '/', label: 'nav.home', roles: 'all' },
  { to: '/find', label: 'nav.search', roles: 'all' },
  { to: '/organisation', label: 'nav.organisations', roles: 'all' },
  { to: '/review', label: 'nav.review', roles: ['planner', 'inspector'] },
  { to: '/batches', label: 'nav.evaluations', roles: ['inspector'] },
  { to: '/admin/rules', label: 'nav.rules', roles: ['admin'] },
  { to: '/admin/keys', label: 'nav.keys', roles: ['admin'] },
];

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, can } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !can(...roles))
    return (
      <Text role="alert" c="red.9">
        {t('common.notAllowed')}
      </Text>
    );
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  const { t, i18n } = useTranslation();
  const { me, signOut, can } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const main = useRef<HTMLElement>(null);

  // A new page: focus moves to the main region (screen readers and keyboard users start at the content).
  useEffect(() => {
    close();
    main.current?.focus({ preventScroll: true });
  }, [location.pathname, close]);

  const entries = NAVIGATION.filter((entry) => entry.roles === 'all' || (me && can(...entry.roles)));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={me ? { width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {me && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />}
            <Title order={2} size="h4">
              <Anchor component={Link} to="/" c="inherit" underline="never">
                SAKIP
              </Anchor>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me && (
              <Badge variant="outline" color="blue.9" data-testid="role">
                {t(`role.${me.role}`)}
                {me.label ? ` · ${me.label}` : ''}
              </Badge>
            )}
            <SegmentedControl
              aria-label={t('app.language')}
              size="xs"
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'id', label: 'ID' },
                { value: 'en', label: 'EN' },
              ]}
            />
            {me && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  signOut();
                  queryClient.clear();
                  void navigate('/sign-in');
                }}
              >
                {t('app.signOut')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {me && (
        <AppShell.Navbar p="xs" component="nav" aria-label="Navigasi">
          {entries.map((entry) => (
            <NavLink
              key={entry.to}
              component={Link}
              to={entry.to}
              label={t(entry.label)}
              active={entry.to === '/' ? location.pathname === '/' : location.pathname.startsWith(entry.to)}
            />
          ))}
          <NavLink href="/docs" label={t('nav.docs')} />
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" ref={main} tabIndex={-1} style={{ outline: 'none' }}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            path="/"
            element={
              <Guard>
                <HomePage />
              </Guard>
            }
          />
          <Route
            path="/find"
            element={
              <Guard>
                <SearchPage />
              </Guard>
            }
          />
          <Route
            path="/organisation"
            element={
              <Guard>
                <OrganisationsPage />
              </Guard>
            }
          />
          <Route
            path="/organisation/:org"
            element={
              <Guard>
                <OrganisationPage />
              </Guard>
            }
          />
          <Route
            path="/organisation/:org/document/:doc"
            element={
              <Guard>
                <DocumentTreePage />
              </Guard>
            }
          />
          <Route
            path="/indicator/:ref"
            element={
              <Guard>
                <IndicatorPage />
              </Guard>
            }
          />
          <Route
            path="/review"
            element={
              <Guard>
                <ReviewPage />
              </Guard>
            }
          />
          <Route
            path="/batches"
            element={
              <Guard roles={['inspector']}>
                <BatchesPage />
              </Guard>
            }
          />
          <Route
            path="/batches/:id"
            element={
              <Guard roles={['inspector']}>
                <BatchPage />
              </Guard>
            }
          />
          <Route
            path="/batches/:id/finding/:findingId"
            element={
              <Guard roles={['inspector']}>
                <FindingPage />
              </Guard>
            }
          />
          <Route
            path="/admin/rules"
            element={
              <Guard>
                <RulesPage />
              </Guard>
            }
          />
          <Route
            path="/admin/rules/new"
            element={
              <Guard>
                <RuleEditorPage />
              </Guard>
            }
          />
          <Route
            path="/admin/rules/:area/:name"
            element={
              <Guard>
                <RuleEditorPage />
              </Guard>
            }
          />
          <Route
            path="/admin/keys"
            element={
              <Guard roles={['admin']}>
                <KeysPage />
              </Guard>
            }
          />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
