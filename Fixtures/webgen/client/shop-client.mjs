// Runs the generated shop api.js against a fake fetch: node shop-client.mjs <path of api.js>.
// Nested resources, JSON routes with query parameters, a splat, a POST JSON route.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const { createClient } = await import(pathToFileURL(process.argv[2]).href);
const calls = [];
const api = createClient("http://localhost:8080", {
  fetch: async (url, init) => {
    calls.push({ url, ...init });
    return { status: 200, ok: true, text: async () => "{}" };
  },
});
const cases = [
  [() => api.items.list(3, { filter: { reviewId: { isNull: true } }, sort: "sort" }), "GET", "/shops/3/items?sort=sort&reviewId%5BisNull%5D=true"],
  [() => api.items.show(3, 9), "GET", "/shops/3/items/9"],
  [() => api.items.create(3, { label: "x", price: 1, shopId: 3 }), "POST", "/shops/3/items"],
  [() => api.items.delete(3, 9), "DELETE", "/shops/3/items/9"],
  [() => api.shopsSummary(1), "GET", "/shops/1/summary"],
  [() => api.shopsSummary(1, { full: true, since: null }), "GET", "/shops/1/summary?full=true"],
  [() => api.pagesSummary("a&b", { q: "x y" }), "GET", "/pages/a%26b/summary?q=x%20y"],
  [() => api.postReindex(), "POST", "/admin/reindex"],
  [() => api.files("docs/a b.txt"), "GET", "/files/docs/a%20b.txt"],
  [() => api.legacyPages.list({ limit: 5 }), "GET", "/legacy/pages?limit=5"],
];
for (const [call, method, path] of cases) {
  await call();
  const c = calls[calls.length - 1];
  assert.equal(c.method, method, path);
  assert.equal(c.url, "http://localhost:8080" + path);
}
console.log(`ok ${cases.length}`);
