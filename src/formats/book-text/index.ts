export { readBook, readBookText } from "./read-book.ts";
