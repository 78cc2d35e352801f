import { Problem } from '@majlis/shared';
import { z } from 'zod';
import type { RouteDef } from './registry.ts';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  return rest;
};

function parametersOf(where: 'path' | 'query', obj: z.ZodObject | undefined): Json[] {
  if (!obj) return [];
  const json = schemaOf(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema,
  }));
}

/** OpenAPI 3.1, generated from the same zod schemas the server parses with. */
export function buildOpenApi(routes: readonly RouteDef[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const p = `/api/v1${r.path}`;
    const responses: Record<string, Json> = {};
    const ok: Json = { description: r.summary };
    const contentTypes =
      r.response.contentType === undefined ? [] : [r.response.contentType].flat();
    if (r.response.schema)
      ok['content'] = {
        [contentTypes[0] ?? 'application/json']: {
          schema: schemaOf(r.response.schema, 'output'),
        },
      };
    else if (contentTypes.length > 0)
      ok['content'] = Object.fromEntries(
        contentTypes.map((t) => [t, { schema: { type: 'string' } }]),
      );
    if (r.response.etag)
      ok['headers'] = {
        ETag: { description: 'Entity version, for If-Match', schema: { type: 'string' } },
      };
    responses[String(r.response.status)] = ok;
    responses['default'] = {
      description: 'Problem details (RFC 9457) with a Majlis error code',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parametersOf('path', r.params), ...parametersOf('query', r.query)],
      responses,
    };
    if (r.method === 'patch' || r.method === 'delete') {
      (op['parameters'] as Json[]).push({
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'ETag from a previous read; a stale one gets 412',
      });
    }
    if (r.body)
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
      };
    if (r.action) op['security'] = [{ session: [] }];
    op['x-majlis-action'] = r.action ?? 'public';
    (paths[p] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Majlis API',
      version,
      description: 'Summits, sessions, agendas, delegations and accreditation.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: schemaOf(Problem, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'majlis_session' } },
    },
  };
}

/** A readable page listing every operation; no third-party script, so the CSP stays 'self'. */
export function renderDocsHtml(doc: Json): string {
  const esc = (s: string) =>
    s.replace(
      /[&<>"]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
    );
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc['paths'] as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op['requestBody']
        ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify((op['requestBody'] as Json)['content'], null, 2))}</pre></details>`
        : '';
      rows.push(
        `<section><h2><code>${method.toUpperCase()} ${esc(path)}</code></h2><p><strong>${esc(String(op['operationId']))}</strong> — ${esc(String(op['summary']))}. Allowed: <code>${esc(String(op['x-majlis-action']))}</code></p>${body}<details><summary>Responses</summary><pre>${esc(JSON.stringify(op['responses'], null, 2))}</pre></details></section>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Majlis API</title><meta name="viewport" content="width=device-width"><style>body{font-family:system-ui,sans-serif;max-width:70rem;margin-inline:auto;padding:1rem}pre{background:#f4f5f7;padding:.5rem;overflow:auto}h2{font-size:1.05rem}</style></head><body><h1>Majlis API</h1><p>OpenAPI 3.1 document: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>application/problem+json</code>.</p>${rows.join('\n')}</body></html>`;
}
