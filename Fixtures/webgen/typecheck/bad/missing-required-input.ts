// expect: Property 'authorId' is missing
import { createClient } from "./api.js";
export const created = createClient("").posts.create({ title: "Hello", body: "…" });
