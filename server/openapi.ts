import { z } from 'zod';
import { ErrorBody, MeResponse, PullQuery, PullResponse, PushRequest, PushResponse } from '../utils/model';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

let cached: object | undefined;

/** The API description, generated from the same zod schemas that parse every request. */
export function openApiDocument(): object {
  if (cached) return cached;
  const pullQuery = schema(PullQuery, 'input') as { properties: Record<string, object>; required?: string[] };
  cached = {
    openapi: '3.1.0',
    info: { title: 'Tandem sync API', version: '1.0.0', description: 'Push named mutations, pull changes in sequence order.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PushRequest: schema(PushRequest, 'input'),
        PushResponse: schema(PushResponse),
        PullResponse: schema(PullResponse),
        MeResponse: schema(MeResponse),
        Error: schema(ErrorBody),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': { get: { security: [], responses: { 200: { description: 'The server is up.' } } } },
      '/v1/me': {
        get: {
          summary: 'The workspace and member of this token',
          responses: { 200: { description: 'Who you are', content: { 'application/json': { schema: { $ref: '#/components/schemas/MeResponse' } } } }, 401: errorResponse('No valid token') },
        },
      },
      '/v1/push': {
        post: {
          summary: 'Apply mutations, each at most once',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PushRequest' } } } },
          responses: {
            200: { description: 'One result a mutation', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushResponse' } } } },
            400: errorResponse('Malformed JSON or an invalid envelope'),
            401: errorResponse('No valid token'),
            403: errorResponse('The clientId belongs to another member'),
            409: errorResponse('Gap: details.lastMutationId says where to resume'),
            413: errorResponse('Body over 1 MiB'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
      '/v1/pull': {
        get: {
          summary: 'Changes after a cursor, and outcomes after an ack',
          parameters: Object.entries(pullQuery.properties).map(([name, s]) => ({ name, in: 'query', required: pullQuery.required?.includes(name) ?? false, schema: s })),
          responses: {
            200: { description: 'A page of changes', content: { 'application/json': { schema: { $ref: '#/components/schemas/PullResponse' } } } },
            400: errorResponse('Invalid query'),
            401: errorResponse('No valid token'),
            403: errorResponse('The clientId belongs to another member'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
    },
  };
  return cached;
}
