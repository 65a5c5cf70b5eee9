import { defineConfig } from "drizzle-kit";

// SQL migrations are generated into drizzle/ by `npm run db:generate` and checked in; never edit or
// remove one that has been committed, add a new one.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
