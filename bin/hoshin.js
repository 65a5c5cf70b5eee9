#!/usr/bin/env node
// The `hoshin` command. Runs the TypeScript sources directly through tsx (a runtime dependency), with the
// project's own tsconfig.json (JSX through hono/jsx) wherever the command is started from.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/apps/cli/main.ts");
await main(process.argv.slice(2));
