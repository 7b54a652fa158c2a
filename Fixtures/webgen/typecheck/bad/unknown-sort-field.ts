// expect: Type '"-nmae"' is not assignable to type 'SortKey<UserSortField>'
import { createClient } from "./api.js";
export const page = createClient("").users.list({ sort: ["-nmae"] });
