// expect: Type '"comments"' is not assignable to type '"author"'
import { createClient } from "./api.js";
export const page = createClient("").posts.list({ include: ["comments"] });
