import { z } from "zod";
import type { Route } from "./routes";
import { ErrorSchema } from "./schemas";

/** The OpenAPI 3.1 document of the REST API, generated from the same zod schemas. */
export function buildOpenApi(routes: Route[], serverUrl = "/api/v1"): Record<string, unknown> {
  // Every schema with `.meta({ id })` becomes a component; bodies in their input form
  // (defaults optional), responses in their output form.
  const uri = (id: string) => `#/components/schemas/${id}`;
  const generate = (io: "input" | "output") =>
    z.toJSONSchema(z.globalRegistry, { io, uri, unrepresentable: "any" }).schemas as Record<
      string,
      Record<string, unknown>
    >;
  const all = { input: generate("input"), output: generate("output") };
  const components: Record<string, unknown> = {};
  const ref = (schema: z.ZodType, io: "input" | "output"): Record<string, unknown> => {
    const id = z.globalRegistry.get(schema)?.id;
    if (!id) throw new Error("every API schema needs .meta({ id })");
    const { $schema: _s, id: _id, ...json } = all[io][id] ?? {};
    components[id] ??= json;
    return { $ref: uri(id) };
  };
  const errorRef = ref(ErrorSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const responses: Record<string, unknown> = {
      [route.status]:
        route.status === 204
          ? { description: "done" }
          : {
              description: "OK",
              content: { "application/json": { schema: ref(route.response, "output") } },
            },
      "400": {
        description: "invalid request",
        content: { "application/json": { schema: errorRef } },
      },
      "401": {
        description: "missing, invalid or revoked API key",
        content: { "application/json": { schema: errorRef } },
      },
      "404": { description: "not found", content: { "application/json": { schema: errorRef } } },
    };
    for (const extra of route.errors ?? []) {
      responses[String(extra.status)] = {
        description: extra.description,
        content: { "application/json": { schema: errorRef } },
      };
    }
    const query = route.query
      ? Object.entries(route.query.shape).map(([name, field]) => {
          const { $schema: _s, ...schema } = z.toJSONSchema(field as z.ZodType, {
            io: "input",
            unrepresentable: "any",
          }) as Record<string, unknown>;
          const description = typeof schema.description === "string" ? schema.description : null;
          return {
            name,
            in: "query",
            required: false,
            ...(description ? { description } : {}),
            schema,
          };
        })
      : [];
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: ref(route.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  // Schemas referenced only from inside others (list items) become components too.
  for (let added = true; added; ) {
    added = false;
    for (const [, id] of JSON.stringify(components).matchAll(/#\/components\/schemas\/(\w+)/g)) {
      if (!id || id in components) continue;
      const { $schema: _s, id: _id, ...json } = all.output[id] ?? all.input[id] ?? {};
      components[id] = json;
      added = true;
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard REST API",
      version: "1.0.0",
      description:
        "Rooms, live participants, join tokens, dial-out, call records, SIP trunks and phone numbers. Authenticate with `Authorization: Bearer <API key>`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from the dashboard" },
      },
      schemas: components,
    },
    paths,
  };
}
