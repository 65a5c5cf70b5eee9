// A process that tries to take a data folder's lock when told to (test/db/data-dir-lock.test.ts): says
// "ready" once loaded, waits for a line on stdin, tries; prints "got" or "in-use: <message>"; holds a lock it
// got until stdin closes (so two holders would overlap), then releases it.
import { DataDirInUse, lockDataDir } from "../../src/db/data-dir-lock.ts";

const [dir] = process.argv.slice(2);
const lines = process.stdin.setEncoding("utf8");
const go = new Promise<void>((done) => lines.once("data", () => done()));
const closed = new Promise<void>((done) => lines.once("end", () => done()));
process.stdout.write("ready\n");
await go;
try {
  const release = await lockDataDir(dir as string, "./data");
  process.stdout.write("got\n");
  await closed;
  await release();
} catch (e) {
  if (!(e instanceof DataDirInUse)) throw e;
  process.stdout.write(`in-use: ${e.message}\n`);
}
