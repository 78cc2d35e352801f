import { useParams } from 'react-router';

/**
 * A parameter of the current route (`:sessionId`), already decoded. The route
 * table declares it, so it is always there; an empty string would only reach
 * the server, which answers 404.
 */
export function useRouteParam(name: string): string {
  return useParams()[name] ?? '';
}
