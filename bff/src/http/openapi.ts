import { api, ErrorBody, type Endpoint } from '@hosp/shared';
import { z } from 'zod';

function schema(s: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
}

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the shared contract: it cannot drift from the code. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, e] of Object.entries(api) as [string, Endpoint][]) {
    const path = `/api${e.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const params = e.params ? Object.keys(e.params.shape).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })) : [];
    paths[path] ??= {};
    paths[path][e.method] = {
      operationId: name,
      summary: e.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(e.auth ? { security: [{ bearer: [] }] } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(e.body, 'input') } } } } : {}),
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: schema(e.response, 'output') } } },
        default: { description: 'Error (see code)', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hospital patient app — client API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
