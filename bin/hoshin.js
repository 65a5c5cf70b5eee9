#!/usr/bin/env node
// The `hoshin` command. Runs the TypeScript sources directly through tsx (a runtime dependency).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/apps/cli/main.ts");
await main(process.argv.slice(2));
