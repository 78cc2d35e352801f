import type { ReactNode } from 'react';
import { I18nProvider, LanguagePicker, useT, type MessageKey } from './i18n/index.ts';
import { Home } from './pages/Home.tsx';
import { MediaCheck } from './pages/MediaCheck.tsx';

interface Route {
  path: string;
  /** The page's name in the navigation and the window title. */
  title: MessageKey;
  render(): ReactNode;
}

/** Routes are few and flat; the path alone decides the page. */
const HOME: Route = { path: '/', title: 'nav.home', render: () => <Home /> };
const ROUTES: readonly Route[] = [
  HOME,
  { path: '/media-check', title: 'nav.mediaCheck', render: () => <MediaCheck /> },
];

function currentRoute(pathname: string): Route {
  return ROUTES.find((r) => r !== HOME && pathname.startsWith(r.path)) ?? HOME;
}

function Shell() {
  const t = useT();
  const route = currentRoute(window.location.pathname);

  return (
    <div className="shell">
      {/* React 19 hoists <title> into <head>. */}
      <title>{t('app.documentTitle', { page: t(route.title) })}</title>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          Majlis
        </a>
        <nav aria-label={t('nav.label')} data-testid="main-nav">
          {ROUTES.map((r) => (
            <a key={r.path} href={r.path} aria-current={r === route ? 'page' : undefined}>
              {t(r.title)}
            </a>
          ))}
        </nav>
        <LanguagePicker />
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1}>
        {route.render()}
      </main>
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
