// Type-checked against the generated shop api.d.ts (tsc --strict); must compile.
import { createClient } from "./api.js";
import type { Item, OmniPage, Page, ShopInput, Status } from "./api.js";

const api = createClient("");

async function tour(): Promise<string> {
  const items: OmniPage<Item> = await api.items.list(3, { filter: { reviewId: { isNull: true }, price: { lt: 10 } }, sort: "sort" });
  const item: Item = await api.items.show(3, items.data[0]?.id ?? 1);
  const review: Page | null | undefined = item.review;
  const status: Status | null | undefined = (await api.shops.show(item.shopId)).status;
  const input: ShopInput = { name: "corner-shop", rating: 4, settings: { theme: "dark" }, status: "live" };
  await api.shops.create(input);
  const summary = await api.shopsSummary(1, { since: "2026-01-01" });
  const loaded: Item[] = summary.shop.items;
  const top: Page | null | undefined = summary.top?.review;
  const count: number = (await api.pagesSummary("news", { q: "x" })).count;
  const empty: Record<string, never> = await api.postReindex();
  const pages: Page[] = (await api.files("a/b/c.txt")).pages;
  return [review?.slug, status, loaded.length, top?.slug, count, Object.keys(empty).length, pages.length].join(",");
}

export { tour };
