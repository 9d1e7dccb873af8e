// The OpenAPI 3.1 description of the sync API, generated from the same zod schemas the server and the client
// validate with (z.toJSONSchema), so the document cannot drift from the code. docs/openapi.json is a copy.
import { z } from 'zod';
import {
  changesPageSchema,
  mutationBatchSchema,
  mutationResponseSchema,
  PROTOCOL_HEADER,
  serverErrorSchema,
  sessionSchema,
  SYNC_PROTOCOL_VERSION,
} from '../../shared/sync/protocol';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../changes/query';
import { PAYLOAD_SCHEMAS } from '../mutations/payloads';
import { compactBodySchema, compactReplySchema, grantsBodySchema, grantsReplySchema } from '../routes/admin';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string): Json => ({ content: { 'application/json': { schema: ref(name) } } });
const error = (description: string): Json => ({ description, ...json('Error') });

const COMMON_ERRORS = {
  '400': error('Bad input (the message says what).'),
  '401': error('UNAUTHORIZED (missing or unknown token) or TOKEN_EXPIRED.'),
  '409': error(`PROTOCOL_MISMATCH: the ${PROTOCOL_HEADER} header is missing or not ${SYNC_PROTOCOL_VERSION}.`),
};

const seqParam = (name: string, description: string): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', pattern: '^(0|[1-9][0-9]{0,15})$' },
});
const listParam = (name: string, description: string): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', description: 'Comma-separated region ids; empty = none.' },
});

export function buildOpenApiDocument(): Json {
  const security = [{ bearer: [] }];
  const protocolHeader = {
    name: PROTOCOL_HEADER,
    in: 'header',
    required: true,
    description: `Must be ${SYNC_PROTOCOL_VERSION}.`,
    schema: { type: 'string', const: String(SYNC_PROTOCOL_VERSION) },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Outpost sync API',
      version: String(SYNC_PROTOCOL_VERSION),
      description:
        'Region-scoped change feed and mutation outbox of the Outpost reference backend. Semantics: docs/sync-protocol.md.',
    },
    servers: [{ url: 'http://127.0.0.1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Session: schemaOf(sessionSchema, 'output'),
        ChangesPage: schemaOf(changesPageSchema, 'output'),
        MutationBatch: schemaOf(mutationBatchSchema, 'input'),
        MutationResponse: schemaOf(mutationResponseSchema, 'output'),
        AnnotationCreatePayload: schemaOf(PAYLOAD_SCHEMAS['annotation.create'], 'input'),
        ActionItemUpsertPayload: schemaOf(PAYLOAD_SCHEMAS['action_item.upsert'], 'input'),
        ExceptionStateSetPayload: schemaOf(PAYLOAD_SCHEMAS['exception_state.set'], 'input'),
        GrantsRequest: schemaOf(grantsBodySchema, 'input'),
        GrantsReply: schemaOf(grantsReplySchema, 'output'),
        CompactRequest: schemaOf(compactBodySchema, 'input'),
        CompactReply: schemaOf(compactReplySchema, 'output'),
        Error: schemaOf(serverErrorSchema, 'output'),
      },
    },
    paths: {
      '/v1/session': {
        get: {
          summary: 'The caller, granted regions, protocol version and server time.',
          security,
          parameters: [protocolHeader],
          responses: { '200': { description: 'The session.', ...json('Session') }, ...COMMON_ERRORS },
        },
      },
      '/v1/changes': {
        get: {
          summary: 'One page of the change feed for the granted regions.',
          security,
          parameters: [
            protocolHeader,
            seqParam('after', 'Cursor: return changes with seq > after. 0 (default) starts an initial sync.'),
            {
              name: 'limit',
              in: 'query',
              required: false,
              description: `Max change-log entries in the page (default ${DEFAULT_PAGE_LIMIT}).`,
              schema: { type: 'string', pattern: '^[1-9][0-9]{0,4}$', description: `1..${MAX_PAGE_LIMIT}` },
            },
            listParam('regions', 'Backfill: only these granted regions (global tables are left out). Not granted → 403.'),
            seqParam('until', 'Backfill: only changes with seq ≤ until.'),
            listParam(
              'held',
              'Regions the client holds; the scope in the reply lists what to purge (revoked) and backfill (added).',
            ),
          ],
          responses: {
            '200': { description: 'A page.', ...json('ChangesPage') },
            ...COMMON_ERRORS,
            '403': error('FORBIDDEN: a requested region is not granted.'),
          },
        },
      },
      '/v1/mutations': {
        post: {
          summary: 'Apply a batch of client mutations exactly once each; results[i] answers mutations[i].',
          description:
            'Payloads by type: annotation.create → AnnotationCreatePayload, action_item.upsert → ActionItemUpsertPayload, exception_state.set → ExceptionStateSetPayload.',
          security,
          parameters: [protocolHeader],
          requestBody: { required: true, ...json('MutationBatch') },
          responses: { '200': { description: 'One result per mutation.', ...json('MutationResponse') }, ...COMMON_ERRORS },
        },
      },
      '/v1/admin/grants/{userId}': {
        put: {
          summary: "Admin: replace a user's region grants.",
          security,
          parameters: [protocolHeader, { name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('GrantsRequest') },
          responses: {
            '200': { description: 'The new grants.', ...json('GrantsReply') },
            ...COMMON_ERRORS,
            '403': error('FORBIDDEN: the caller is not an admin.'),
            '404': error('NOT_FOUND: no such user.'),
          },
        },
      },
      '/v1/admin/compact': {
        post: {
          summary: 'Admin: compact the change log below beforeSeq and raise the horizon (older cursors get reset).',
          security,
          parameters: [protocolHeader],
          requestBody: { required: true, ...json('CompactRequest') },
          responses: {
            '200': { description: 'What was removed.', ...json('CompactReply') },
            ...COMMON_ERRORS,
            '403': error('FORBIDDEN: the caller is not an admin.'),
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          summary: 'This document (no authentication).',
          responses: {
            '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
  };
}
