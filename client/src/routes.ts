import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Me } from '@majlis/shared';
import type { MessageKey } from './i18n/index.ts';

export interface PageRoute {
  /** React Router path, with `:name` for a parameter. */
  path: string;
  /** The page's name in the navigation and the window title. */
  title: MessageKey;
  /** Who finds it in the navigation; pages without are reached by link. */
  nav?: 'everyone' | Me['kind'];
  /** Loaded when first visited: only the media pages bring `livekit-client`. */
  page: LazyExoticComponent<ComponentType>;
}

/**
 * Every page, one line each. A page module's default export is its route
 * component; it reads its own parameters (`useRouteParam`). Import pages only
 * through `lazy` here: a static import would pull the page, and whatever it
 * imports, into the first download of every visitor.
 */
// prettier-ignore: one route per line, so a new page is one line.
// prettier-ignore
export const ROUTES: readonly PageRoute[] = [
  { path: '/', title: 'nav.home', nav: 'everyone', page: lazy(() => import('./pages/Home.tsx')) },
  { path: '/media-check', title: 'nav.mediaCheck', nav: 'everyone', page: lazy(() => import('./pages/MediaCheck.tsx')) },
  { path: '/organiser', title: 'nav.organiser', nav: 'organiser', page: lazy(() => import('./pages/Organiser.tsx')) },
  { path: '/organiser/summits/:summitId', title: 'nav.summit', page: lazy(() => import('./pages/OrganiserSummit.tsx')) },
  { path: '/summit', title: 'nav.schedule', nav: 'participant', page: lazy(() => import('./pages/Schedule.tsx')) },
  { path: '/login', title: 'nav.login', page: lazy(() => import('./pages/Login.tsx')) },
  { path: '/setup', title: 'nav.setup', page: lazy(() => import('./pages/Setup.tsx')) },
  { path: '/desk', title: 'nav.desk', nav: 'participant', page: lazy(() => import('./pages/communiques/Desk.tsx')) },
  { path: '/approvals', title: 'nav.approvals', page: lazy(() => import('./pages/communiques/Approvals.tsx')) },
  { path: '/press', title: 'nav.press', page: lazy(() => import('./pages/communiques/Press.tsx')) },
  { path: '/organiser/summits/:summitId/desk', title: 'nav.desk', page: lazy(() => import('./pages/communiques/OrganiserDesk.tsx')) },
  { path: '/communiques/:communiqueId/:lang', title: 'nav.communique', page: lazy(() => import('./pages/communiques/PublicCommunique.tsx')) },
  { path: '/verify', title: 'nav.verify', nav: 'everyone', page: lazy(() => import('./pages/communiques/Verify.tsx')) },
  { path: '/verify-ballot', title: 'nav.verifyBallot', nav: 'everyone', page: lazy(() => import('./pages/BallotVerifier.tsx')) },
  { path: '/sessions/:sessionId/questions', title: 'nav.pressQuestions', page: lazy(() => import('./pages/communiques/PressQuestions.tsx')) },
  { path: '/invite', title: 'nav.invite', page: lazy(() => import('./pages/Invite.tsx')) },
  { path: '/sign-in', title: 'nav.signIn', page: lazy(() => import('./pages/SignIn.tsx')) },
  { path: '/devices', title: 'nav.devices', nav: 'participant', page: lazy(() => import('./pages/Devices.tsx')) },
  { path: '/sessions/:sessionId', title: 'nav.meeting', page: lazy(() => import('./pages/Meeting.tsx')) },
  { path: '/sessions/:sessionId/booth', title: 'interp.console.title', page: lazy(() => import('./pages/InterpreterConsole.tsx')) },
  { path: '/sessions/:sessionId/reach', title: 'reach.title', page: lazy(() => import('./pages/Reach.tsx')) },
  { path: '/organiser/summits/:summitId/reach', title: 'reach.summitTitle', page: lazy(() => import('./pages/SummitReach.tsx')) },
];

/** Any other address. */
export const NOT_FOUND: PageRoute = {
  path: '*',
  title: 'nav.notFound',
  page: lazy(() => import('./pages/NotFound.tsx')),
};
