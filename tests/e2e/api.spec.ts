import { expect, test } from "@playwright/test";

// The REST API as served by the built web app (the handler itself is tested in packages/api).
test("the REST API is served: OpenAPI without a key, 401 JSON without one", async ({ request }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
  const refused = await request.get("/api/v1/rooms");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("UNAUTHORIZED");
});
