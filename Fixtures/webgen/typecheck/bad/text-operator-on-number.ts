// expect: 'contains' does not exist in type 'OrderedFilter<number>'
import { createClient } from "./api.js";
export const page = createClient("").posts.list({ filter: { views: { contains: "1" } } });
