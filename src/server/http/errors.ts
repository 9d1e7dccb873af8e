// HTTP errors of the backend: a status, a protocol error code and a human reason, rendered as serverErrorSchema.
import type { z } from 'zod';
import type { ServerError } from '../../shared/sync/protocol';

export type ErrorCode = ServerError['error'];

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ServerError {
    return { error: this.code, message: this.message };
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BAD_REQUEST', message);
export const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message);
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);

/** One line naming the first few problems of a zod failure, e.g. "limit: Too big: expected number to be <=10000". */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const where = [prefix, path].filter(Boolean).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parses `value` with `schema` or throws 400 with the reason. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`Invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
