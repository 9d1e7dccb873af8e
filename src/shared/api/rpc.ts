// Wire envelopes shared by every transport: a request, its response, and a pushed event.
import { z } from 'zod';
import { ERROR_CODES, ERROR_REASONS, type ApiErrorData } from './errors';

/** Largest serialized request any transport accepts. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export const rpcIdSchema = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]);
export type RpcId = z.infer<typeof rpcIdSchema>;

export const rpcRequestSchema = z.strictObject({
  id: rpcIdSchema,
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

export const apiErrorDataSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(z.string()).optional(),
  reason: z.enum(ERROR_REASONS).optional(),
});

export type RpcResponse = { id: RpcId; ok: true; result: unknown } | { id: RpcId | null; ok: false; error: ApiErrorData };

export const rpcResponseSchema = z.union([
  z.strictObject({ id: rpcIdSchema, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: rpcIdSchema.nullable(), ok: z.literal(false), error: apiErrorDataSchema }),
]);

export interface RpcEvent {
  event: string;
  payload: unknown;
}

export const rpcEventSchema = z.strictObject({ event: z.string(), payload: z.unknown() });

export function errorResponse(id: RpcId | null, error: ApiErrorData): RpcResponse {
  return { id, ok: false, error };
}
