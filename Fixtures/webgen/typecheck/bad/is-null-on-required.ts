// expect: 'isNull' does not exist in type 'TextFilter'
import type { PostFilter } from "./api.js";
export const filter: PostFilter = { title: { isNull: true } };
