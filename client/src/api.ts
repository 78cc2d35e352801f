/**
 * Kept while imports move to `api/http.ts`, where the one HTTP client and its
 * error type live.
 */
export { ApiError } from './api/http.ts';
