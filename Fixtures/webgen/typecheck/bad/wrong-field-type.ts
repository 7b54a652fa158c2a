// expect: Type 'number' is not assignable to type 'string'
import type { User } from "./api.js";
export const user: User = { id: 1, createdAt: "", updatedAt: "", name: 42, email: "a@b.c", role: "reader" };
