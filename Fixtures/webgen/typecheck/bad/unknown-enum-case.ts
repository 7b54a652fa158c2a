// expect: Type '"owner"' is not assignable to type 'Role | undefined'
import type { UserInput } from "./api.js";
export const input: UserInput = { name: "Ann", email: "a@b.c", role: "owner" };
