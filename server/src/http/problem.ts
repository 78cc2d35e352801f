import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import {
  httpStatusOf,
  problemTypeOf,
  type Dependant,
  type ErrorCode,
  type FieldIssue,
  type Problem,
} from '@majlis/shared';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';

import { AppError } from '../errors.ts';
import { StoreUnavailable } from '../store/redis.ts';

export { AppError };

const TITLES: Readonly<Record<ErrorCode, string>> = {
  INVALID_PAYLOAD: 'Invalid request',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Internal error',
};

export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail?: string,
  issues?: FieldIssue[],
  dependants?: Dependant[],
): void {
  const body: Problem = {
    type: problemTypeOf(code),
    title: TITLES[code],
    status: httpStatusOf[code],
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(issues === undefined ? {} : { issues }),
    ...(dependants === undefined ? {} : { dependants }),
  };
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Parses `input` with `schema`, or throws INVALID_PAYLOAD naming each field. */
export function parseOr422<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.join('.') || '(body)',
    message: i.message,
  }));
  throw new AppError(
    'INVALID_PAYLOAD',
    issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    issues,
  );
}

export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, 'NOT_FOUND', `No route for ${req.method} ${req.path}`);
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof StoreUnavailable) {
      // An outage is the operator's to see, once per refused request; the caller may simply retry.
      logger.warn({ err: err.cause, method: req.method, path: req.path }, 'data store unavailable');
      res.setHeader('Retry-After', '2');
    }
    if (err instanceof AppError) {
      sendProblem(res, err.code, err.message, err.issues, err.dependants);
      return;
    }
    // body-parser's errors carry an HTTP status and a `type` we can trust.
    if (typeof err === 'object' && err !== null && 'type' in err && 'status' in err) {
      const status = Number((err as { status: unknown }).status);
      if (status === 413) {
        sendProblem(res, 'INVALID_PAYLOAD', 'Request body too large');
        return;
      }
      if (status === 400) {
        sendProblem(res, 'INVALID_PAYLOAD', 'Request body is not valid JSON');
        return;
      }
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, 'INTERNAL', 'An unexpected error occurred');
  };
}
