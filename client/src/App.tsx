import { Home } from './pages/Home.tsx';
import { MediaCheck } from './pages/MediaCheck.tsx';

/** Routes are few and flat; the path alone decides the page. */
export function App() {
  const path = window.location.pathname;
  const page = path.startsWith('/media-check') ? <MediaCheck /> : <Home />;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          Majlis
        </a>
        <nav aria-label="Main">
          <a href="/">Status</a>
          <a href="/media-check">Media check</a>
        </nav>
      </header>
      <main>{page}</main>
    </div>
  );
}
