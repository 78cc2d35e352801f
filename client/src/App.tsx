import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Me } from '@majlis/shared';
import { Link } from './components/Link.tsx';
import { MeProvider, useMe } from './components/Me.tsx';
import { matchPath, navigate, usePathname } from './components/navigation.ts';
import { I18nProvider, LanguagePicker, useT, type MessageKey } from './i18n/index.ts';
import { Home } from './pages/Home.tsx';
import { Invite } from './pages/Invite.tsx';
import { Login } from './pages/Login.tsx';
import { MediaCheck } from './pages/MediaCheck.tsx';
import { Meeting } from './pages/Meeting.tsx';
import { InterpreterConsole } from './pages/InterpreterConsole.tsx';
import { Organiser } from './pages/Organiser.tsx';
import { OrganiserSummit } from './pages/OrganiserSummit.tsx';
import { Schedule } from './pages/Schedule.tsx';
import { Setup } from './pages/Setup.tsx';
import './components/components.css';

type Params = Readonly<Record<string, string>>;

interface Route {
  /** A path, with `:name` for a parameter. */
  pattern: string;
  /** The page's name in the navigation and the window title. */
  title: MessageKey;
  /** Who finds it in the navigation; pages without are reached by link. */
  nav?: 'everyone' | Me['kind'];
  render(params: Params): ReactNode;
}

/** Routes are few and flat; the path alone decides the page. */
const HOME: Route = { pattern: '/', title: 'nav.home', nav: 'everyone', render: () => <Home /> };
const ROUTES: readonly Route[] = [
  HOME,
  {
    pattern: '/media-check',
    title: 'nav.mediaCheck',
    nav: 'everyone',
    render: () => <MediaCheck />,
  },
  { pattern: '/organiser', title: 'nav.organiser', nav: 'organiser', render: () => <Organiser /> },
  {
    pattern: '/organiser/summits/:summitId',
    title: 'nav.summit',
    render: (p) => <OrganiserSummit summitId={p['summitId'] ?? ''} />,
  },
  { pattern: '/summit', title: 'nav.schedule', nav: 'participant', render: () => <Schedule /> },
  { pattern: '/login', title: 'nav.login', render: () => <Login /> },
  { pattern: '/setup', title: 'nav.setup', render: () => <Setup /> },
  { pattern: '/invite', title: 'nav.invite', render: () => <Invite /> },
  {
    pattern: '/sessions/:sessionId',
    title: 'nav.meeting',
    render: (p) => <Meeting sessionId={p['sessionId'] ?? ''} />,
  },
  {
    pattern: '/sessions/:sessionId/booth',
    title: 'interp.console.title',
    render: (p) => <InterpreterConsole sessionId={p['sessionId'] ?? ''} />,
  },
];

function currentRoute(pathname: string): { route: Route; params: Params } {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params !== undefined) return { route, params };
  }
  return { route: HOME, params: {} };
}

/** Who is signed in, with the way out; or the way in. */
function Account() {
  const t = useT();
  const { state, signOut } = useMe();
  const [failed, setFailed] = useState(false);
  if (state.kind !== 'known') return null;
  const me = state.me;
  if (me === null)
    return (
      <div className="account">
        <Link href="/login">{t('account.signIn')}</Link>
      </div>
    );
  const leave = () => {
    setFailed(false);
    signOut().then(
      () => navigate(me.kind === 'organiser' ? '/login' : '/'),
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

function Shell() {
  const t = useT();
  const { state } = useMe();
  const pathname = usePathname();
  const { route, params } = currentRoute(pathname);
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
      {/* React 19 hoists <title> into <head>. */}
      <title>{t('app.documentTitle', { page: t(route.title) })}</title>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link className="brand" href="/">
          Majlis
        </Link>
        <nav aria-label={t('nav.label')} data-testid="main-nav">
          {navRoutes.map((r) => (
            <Link key={r.pattern} href={r.pattern} aria-current={r === route ? 'page' : undefined}>
              {t(r.title)}
            </Link>
          ))}
        </nav>
        <Account />
        <LanguagePicker />
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} ref={main}>
        <Fragment key={pathname}>{route.render(params)}</Fragment>
      </main>
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <MeProvider>
        <Shell />
      </MeProvider>
    </I18nProvider>
  );
}
