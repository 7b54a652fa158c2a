// expect: Type 'User | undefined' is not assignable to type 'User'
import type { Post, User } from "./api.js";
export function author(post: Post): User { return post.author; }
