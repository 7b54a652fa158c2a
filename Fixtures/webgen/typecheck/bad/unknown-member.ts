// expect: Property 'comments' does not exist on type 'ApiClient'
import { createClient } from "./api.js";
export const x = createClient("").comments.list();
