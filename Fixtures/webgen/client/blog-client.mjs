// Runs the generated blog api.js against a fake fetch: node blog-client.mjs <path of api.js>.
// Checks the requests it builds (method, URL, headers, body) and how it reads answers.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const { createClient, ApiRequestError } = await import(pathToFileURL(process.argv[2]).href);

const calls = [];
let answers = [];
function answer(status, body) {
  answers.push({ status, text: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body) });
}
async function fakeFetch(url, init) {
  calls.push({ url, ...init });
  const next = answers.shift() ?? { status: 200, text: "{}" };
  return { status: next.status, ok: next.status >= 200 && next.status < 300, text: async () => next.text };
}
const api = createClient("https://blog.example/", { fetch: fakeFetch, headers: { authorization: "Bearer t" } });
let checks = 0;
function last() { checks += 1; return calls[calls.length - 1]; }

// list: pagination, sort (array or string), filters as field[op]=value, lists comma-joined.
const page = { data: [{ id: 1, name: "Ann" }], page: { limit: 2, offset: 0, total: 1, nextCursor: null } };
answer(200, page);
assert.deepEqual(await api.users.list({
  limit: 2, offset: 0, sort: ["name", "-createdAt"],
  filter: { name: { contains: "an n" }, role: { in: ["admin", "author"] }, age: { gte: 18, isNull: false, lt: undefined } },
}), page);
let c = last();
assert.equal(c.method, "GET");
assert.equal(decodeURIComponent(c.url),
  "https://blog.example/api/v1/users?limit=2&offset=0&sort=name,-createdAt&name[contains]=an n&role[in]=admin,author&age[gte]=18&age[isNull]=false");
assert.equal(c.headers.accept, "application/json");
assert.equal(c.headers.authorization, "Bearer t");
assert.equal(c.body, undefined);

answer(200, page);
await api.posts.list();
assert.equal(last().url, "https://blog.example/api/v1/posts");
answer(200, page);
await api.posts.list({ cursor: "abc/=", sort: "-views" });
assert.equal(last().url, "https://blog.example/api/v1/posts?cursor=abc%2F%3D&sort=-views");

// include: relations comma-joined, on list and show.
answer(200, page);
await api.posts.list({ include: ["author"], limit: 5 });
assert.equal(last().url, "https://blog.example/api/v1/posts?limit=5&include=author");

// show, create, update (PATCH), replace (PUT), delete.
answer(200, { id: 7 });
assert.deepEqual(await api.users.show(7), { id: 7 });
assert.equal(last().url, "https://blog.example/api/v1/users/7");
answer(200, { id: 7, posts: [] });
assert.deepEqual(await api.users.show(7, { include: ["posts"] }), { id: 7, posts: [] });
assert.equal(last().url, "https://blog.example/api/v1/users/7?include=posts");

answer(201, { id: 8, title: "Hi" });
assert.deepEqual(await api.posts.create({ title: "Hi", body: "b", authorId: 1 }), { id: 8, title: "Hi" });
c = last();
assert.equal(c.method, "POST");
assert.equal(c.url, "https://blog.example/api/v1/posts");
assert.equal(c.headers["content-type"], "application/json");
assert.deepEqual(JSON.parse(c.body), { title: "Hi", body: "b", authorId: 1 });

answer(200, { id: 8 });
await api.posts.update(8, { published: true });
c = last();
assert.equal(c.method, "PATCH");
assert.equal(c.url, "https://blog.example/api/v1/posts/8");
assert.deepEqual(JSON.parse(c.body), { published: true });

answer(200, { id: 8 });
await api.users.replace(8, { name: "Bo", email: "bo@example.com" });
assert.equal(last().method, "PUT");

answer(204);
assert.equal(await api.posts.delete(8), undefined);
c = last();
assert.equal(c.method, "DELETE");
assert.equal(c.url, "https://blog.example/api/v1/posts/8");

answer(200, { users: 2, posts: 3, published: 1 });
assert.deepEqual(await api.stats(), { users: 2, posts: 3, published: 1 });
assert.equal(last().url, "https://blog.example/api/v1/stats");

// Errors: the uniform body is kept; a body that is not the error shape gives null.
const invalid = { error: { code: "validation_failed", message: "Validation failed", details: [{ field: "title", code: "too_short", message: "is too short" }] } };
answer(422, invalid);
await assert.rejects(api.posts.create({ title: "x", body: "b", authorId: 1 }), (e) => {
  assert.ok(e instanceof ApiRequestError);
  assert.ok(e instanceof Error);
  assert.equal(e.status, 422);
  assert.equal(e.message, "Validation failed");
  assert.deepEqual(e.body, invalid);
  return true;
});
checks += 1;
answer(502, "<html>Bad gateway</html>");
await assert.rejects(api.users.show(1), (e) => e instanceof ApiRequestError && e.status === 502 && e.body === null && e.message === "HTTP 502");
checks += 1;
answer(404, { not: "an error body" });
await assert.rejects(api.users.show(1), (e) => e instanceof ApiRequestError && e.status === 404 && e.body === null);
checks += 1;

// Path parameters are encoded; credentials pass through.
const other = createClient("", { fetch: fakeFetch, credentials: "include" });
answer(200, {});
await other.users.show("a b/c");
c = last();
assert.equal(c.url, "/api/v1/users/a%20b%2Fc");
assert.equal(c.credentials, "include");

console.log(`ok ${checks}`);
