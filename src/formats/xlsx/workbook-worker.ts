import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { tooLarge, type WorkbookLimits, type ZipRefusal } from "./zip-guard.ts";

/**
 * Runs one workbook reading in a worker thread, off the thread that answers requests: its heap is capped
 * (resourceLimits) and it is terminated after the time limit, so a hostile workbook costs its own worker
 * and nobody else waits. The worker is plain JavaScript that registers tsx with the project's tsconfig and
 * then imports the TypeScript reader, so it loads the same under `hoshin start`, vitest and CI (a worker
 * does not inherit the loader hooks of its parent).
 */
const BOOT = `
const { parentPort, workerData } = require("node:worker_threads");
const ready = import(workerData.tsx)
  .then(({ register }) => register({ tsconfig: workerData.tsconfig }))
  .then(() => import(workerData.reader));
parentPort.on("message", ({ bytes, limits }) => {
  ready
    .then((m) => m.readPlanWorkbookHere(new Uint8Array(bytes), limits))
    .then((reading) => parentPort.postMessage({ reading }))
    .catch((e) => parentPort.postMessage({ failure: e instanceof Error ? e.message : String(e) }));
});
`;

const require = createRequire(import.meta.url);
// The ES module build of tsx's API (its CommonJS build cannot register from an eval'd worker).
const TSX_API = pathToFileURL(require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
const TSCONFIG = fileURLToPath(new URL("../../../tsconfig.json", import.meta.url));
const READER = new URL("./read-workbook.ts", import.meta.url).href;

/** At most this many workbooks are read at once; the others wait their turn. */
const PARALLEL = 2;
/** A worker that answered is kept this long for the next reading (starting one costs a second or more). */
const IDLE_MS = 20_000;

/** A worker with its listeners, installed once; `job` is the reading it is doing now, if any. */
interface Pooled {
  worker: Worker;
  memoryMb: number;
  job:
    | ((m: { reading?: unknown; failure?: string; error?: Error & { code?: string }; exit?: number }) => void)
    | null;
  idleTimer: NodeJS.Timeout | null;
}
let running = 0;
const waiting: (() => void)[] = [];
const idle: Pooled[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export type WorkerOutcome<T> = { reading: T } | { refusal: ZipRefusal } | { failure: string };

export function readInWorker<T>(bytes: Uint8Array, limits: WorkbookLimits): Promise<WorkerOutcome<T>> {
  return turn(() => runWorker<T>(bytes, limits));
}

function startWorker(memoryMb: number): Pooled {
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { tsx: TSX_API, tsconfig: TSCONFIG, reader: READER },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
  const pooled: Pooled = { worker, memoryMb, job: null, idleTimer: null };
  worker.on("message", (m: { reading?: unknown; failure?: string }) => pooled.job?.(m));
  worker.on("error", (error: Error & { code?: string }) => pooled.job?.({ error }));
  worker.on("exit", (exit) => {
    forget(pooled);
    pooled.job?.({ exit });
  });
  return pooled;
}

function forget(pooled: Pooled): void {
  if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
  const at = idle.indexOf(pooled);
  if (at >= 0) idle.splice(at, 1);
}

function takeWorker(memoryMb: number): Pooled {
  const kept = idle.find((w) => w.memoryMb === memoryMb);
  if (!kept) return startWorker(memoryMb);
  forget(kept);
  kept.worker.ref();
  return kept;
}

function keepWorker(pooled: Pooled): void {
  pooled.job = null;
  pooled.worker.unref();
  pooled.idleTimer = setTimeout(() => {
    forget(pooled);
    void pooled.worker.terminate();
  }, IDLE_MS).unref();
  idle.push(pooled);
}

function runWorker<T>(bytes: Uint8Array, limits: WorkbookLimits): Promise<WorkerOutcome<T>> {
  const copy = new Uint8Array(bytes).buffer;
  const pooled = takeWorker(limits.memoryMb);
  return new Promise((resolve) => {
    const settle = (outcome: WorkerOutcome<T>, reuse: boolean) => {
      if (pooled.job !== job) return;
      clearTimeout(timer);
      resolve(outcome);
      // A worker that failed, ran out of time or memory is ended, so its memory goes at once.
      if (reuse) keepWorker(pooled);
      else {
        pooled.job = null;
        void pooled.worker.terminate();
      }
    };
    const seconds = limits.timeLimitMs / 1000;
    const timer = setTimeout(() => {
      settle({ refusal: tooLarge(`読み取りが上限の ${seconds} 秒を超えました`) }, false);
    }, limits.timeLimitMs);
    const job: NonNullable<Pooled["job"]> = (m) => {
      if (m.reading !== undefined) settle({ reading: m.reading as T }, true);
      else if (m.error?.code === "ERR_WORKER_OUT_OF_MEMORY") {
        settle(
          { refusal: tooLarge(`読み取りに要するメモリが上限の ${limits.memoryMb}MB を超えました`) },
          false,
        );
      } else if (m.error) settle({ failure: m.error.message }, false);
      else if (m.exit !== undefined) settle({ failure: `読み取りの処理が終了しました（${m.exit}）` }, false);
      else settle({ failure: m.failure ?? "不明な誤り" }, false);
    };
    pooled.job = job;
    pooled.worker.postMessage({ bytes: copy, limits }, [copy]);
  });
}
