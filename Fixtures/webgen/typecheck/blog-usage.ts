// Type-checked against the generated blog api.d.ts (tsc --strict); must compile.
import { createClient, ApiRequestError } from "./api.js";
import type { ApiClient, Page, Post, PostInput, Role, User, UserListQuery, UserPatch } from "./api.js";

const api: ApiClient = createClient("https://blog.example", {
  fetch,
  headers: { authorization: "Bearer secret" },
  credentials: "include",
});

async function tour(): Promise<number> {
  const query: UserListQuery = {
    limit: 50,
    sort: ["name", "-createdAt"],
    filter: { name: { contains: "ann" }, age: { gte: 18, isNull: false }, role: { in: ["admin", "author"] } },
  };
  const page: Page<User> = await api.users.list(query);
  const withPosts: Post[] | undefined = (await api.users.show(1, { include: ["posts"] })).posts;
  const withAuthors = await api.posts.list({ include: ["author"], sort: "-createdAt" });
  const next = page.page.nextCursor === null ? undefined : await api.users.list({ cursor: page.page.nextCursor, sort: "-id" });
  const first: User | undefined = page.data[0];
  const role: Role = first?.role ?? "reader";
  const age: number | null | undefined = first?.age;

  const input: PostInput = { title: "Hello", body: "…", authorId: 1 };
  const post: Post = await api.posts.create(input);
  const author: User | undefined = post.author;
  const patch: UserPatch = { age: null };
  await api.users.update(1, patch);
  await api.users.replace(1, { name: "Ann", email: "ann@example.com", role });
  const gone: void = await api.posts.delete(post.id);
  const stats = await api.stats();
  const counted: number = (withPosts?.length ?? 0) + withAuthors.data.length;
  try {
    await api.users.show(999);
  } catch (e) {
    if (e instanceof ApiRequestError && e.body !== null) {
      const codes: string[] = (e.body.error.details ?? []).map((d) => d.code);
      return e.status + codes.length;
    }
  }
  return counted + stats.users + stats.posts + stats.published + (next?.data.length ?? 0) + (author?.id ?? 0) + (age ?? 0) + (gone === undefined ? 0 : 1);
}

export { tour };
