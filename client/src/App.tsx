import { Component, Fragment, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  BrowserRouter,
  Link,
  NavLink,
  Outlet,
  Route,
  Routes,
  useLocation,
  useNavigate,
} from 'react-router';
import { Loading } from './components/Alerts.tsx';
import { MeProvider, useMe } from './components/Me.tsx';
import { I18nProvider, LanguagePicker, useT } from './i18n/index.ts';
import { NOT_FOUND, ROUTES, type PageRoute } from './routes.ts';
import './components/components.css';

/** Who is signed in, with the way out; or the way in. */
function Account() {
  const t = useT();
  const navigate = useNavigate();
  const { state, signOut } = useMe();
  const [failed, setFailed] = useState(false);
  if (state.kind !== 'known') return null;
  const me = state.me;
  if (me === null)
    return (
      <div className="account">
        <Link to="/login">{t('account.signIn')}</Link>
      </div>
    );
  const leave = () => {
    setFailed(false);
    signOut().then(
      () => void navigate(me.kind === 'organiser' ? '/login' : '/'),
      () => setFailed(true),
    );
  };
  return (
    <div className="account" data-testid="account">
      <span>
        <bdi>{me.name}</bdi>
      </span>
      <button type="button" onClick={leave}>
        {t('account.signOut')}
      </button>
      {failed && (
        <span role="alert" className="bad">
          {t('error.network')}
        </span>
      )}
    </div>
  );
}

/** A page's code that failed to download (offline, or a new release replaced it): say so, keep the shell. */
class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}

function PageLoadFailed() {
  const t = useT();
  return (
    <p role="alert" className="bad">
      {t('app.pageLoadFailed')}
    </p>
  );
}

/** One page: its window title, and its code, fetched on first visit. */
function RoutePage({ route }: { route: PageRoute }) {
  const t = useT();
  const Page = route.page;
  return (
    <>
      {/* React 19 hoists <title> into <head>. */}
      <title>{t('app.documentTitle', { page: t(route.title) })}</title>
      <PageLoadBoundary>
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </PageLoadBoundary>
    </>
  );
}

function Shell() {
  const t = useT();
  const { state } = useMe();
  const { pathname } = useLocation();
  const kind = state.kind === 'known' ? state.me?.kind : undefined;
  const navRoutes = ROUTES.filter(
    (r) => r.nav === 'everyone' || (r.nav !== undefined && r.nav === kind),
  );

  // After an in-app navigation, start the reader (and a screen reader) at the new page's content.
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link className="brand" to="/">
          Majlis
        </Link>
        <nav aria-label={t('nav.label')} data-testid="main-nav">
          {navRoutes.map((r) => (
            // `end`: the summits list is not "current" on one summit's page.
            <NavLink key={r.path} to={r.path} end>
              {t(r.title)}
            </NavLink>
          ))}
        </nav>
        {/* One group at the far inline end, stacked, so that the menu keeps its single row. */}
        <div className="topbar-end">
          <Account />
          <LanguagePicker />
        </div>
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} ref={main}>
        {/* A new address is a new page: no state carries over (a meeting left, a form reset). */}
        <Fragment key={pathname}>
          <Outlet />
        </Fragment>
      </main>
    </div>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <MeProvider>
          <Routes>
            <Route element={<Shell />}>
              {[...ROUTES, NOT_FOUND].map((route) => (
                <Route key={route.path} path={route.path} element={<RoutePage route={route} />} />
              ))}
            </Route>
          </Routes>
        </MeProvider>
      </I18nProvider>
    </BrowserRouter>
  );
}
