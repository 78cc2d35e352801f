import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/index.ts';

/** Any address that is not a page: say so, rather than show another page under it. */
export default function NotFound() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <section className="card" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>
        <bdi dir="ltr">
          <code>{pathname}</code>
        </bdi>
      </p>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
