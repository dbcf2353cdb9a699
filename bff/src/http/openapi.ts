import { api, ErrorBody, type Endpoint } from '@hosp/shared';
import { z } from 'zod';

type Io = 'input' | 'output';
const ref = (id: string) => `#/components/schemas/${id}`;

/** Every schema registered with an id (`.meta({ id })`), as JSON Schema 2020-12 in one io mode. */
function registryDump(io: Io): Record<string, unknown> {
  const dump = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: ref });
  return dump.schemas as Record<string, unknown>;
}

function schemaRef(s: z.ZodType, io: Io, used: Map<string, Io>): unknown {
  const id = z.globalRegistry.get(s)?.id;
  if (!id) return z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  used.set(id, io);
  return { $ref: ref(id) };
}

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the shared contract: it cannot drift from the code. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const used = new Map<string, Io>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, e] of Object.entries(api) as [string, Endpoint][]) {
    const path = `/api${e.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const params = [
      ...(e.params ? Object.keys(e.params.shape).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })) : []),
      ...(e.query ? Object.entries(e.query.shape).map(([p, s]) => ({ name: p, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: { type: 'string' } })) : []),
    ];
    paths[path] ??= {};
    paths[path][e.method] = {
      operationId: name,
      summary: e.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(e.auth ? { security: [{ bearer: [] }] } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(e.body, 'input', used) } } } } : {}),
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: schemaRef(e.response, 'output', used) } } },
        default: { description: 'Error: see error.code', content: { 'application/json': { schema: schemaRef(ErrorBody, 'output', used) } } },
      },
    };
  }
  const dumps = { input: registryDump('input'), output: registryDump('output') };
  // Nested schemas referenced from inside a used one come along from the same dump.
  const schemas: Record<string, unknown> = { ...dumps.output };
  for (const [id, io] of used) schemas[id] = dumps[io][id];
  return {
    openapi: '3.1.0',
    info: { title: 'Hospital patient app — client API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    paths,
  };
}
