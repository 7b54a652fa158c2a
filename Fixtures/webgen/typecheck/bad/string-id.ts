// expect: Argument of type 'string' is not assignable to parameter of type 'number'
import { createClient } from "./api.js";
export const user = createClient("").users.show("1");
