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

interface Idle {
  worker: Worker;
  memoryMb: number;
  timer: NodeJS.Timeout;
}
let running = 0;
const waiting: (() => void)[] = [];
const idle: Idle[] = [];

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

function startWorker(memoryMb: number): Worker {
  return new Worker(BOOT, {
    eval: true,
    workerData: { tsx: TSX_API, tsconfig: TSCONFIG, reader: READER },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
}

function takeWorker(memoryMb: number): Worker {
  const at = idle.findIndex((w) => w.memoryMb === memoryMb);
  if (at < 0) return startWorker(memoryMb);
  const [kept] = idle.splice(at, 1) as [Idle];
  clearTimeout(kept.timer);
  kept.worker.ref();
  return kept.worker;
}

function keepWorker(worker: Worker, memoryMb: number): void {
  worker.removeAllListeners();
  worker.unref();
  const kept: Idle = {
    worker,
    memoryMb,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(kept), 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  // A worker that dies while idle is simply forgotten.
  worker.once("exit", () => {
    clearTimeout(kept.timer);
    const at = idle.indexOf(kept);
    if (at >= 0) idle.splice(at, 1);
  });
  worker.on("error", () => {});
  idle.push(kept);
}

function runWorker<T>(bytes: Uint8Array, limits: WorkbookLimits): Promise<WorkerOutcome<T>> {
  const copy = new Uint8Array(bytes).buffer;
  const worker = takeWorker(limits.memoryMb);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: WorkerOutcome<T>, reuse: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      // A worker that failed, ran out of time or memory is ended, so its memory goes at once.
      if (reuse) keepWorker(worker, limits.memoryMb);
      else void worker.terminate();
    };
    const seconds = Math.round(limits.timeLimitMs / 1000);
    const timer = setTimeout(() => {
      settle({ refusal: tooLarge(`読み取りが上限の ${seconds} 秒を超えました`) }, false);
    }, limits.timeLimitMs);
    worker.on("message", (m: { reading?: T; failure?: string }) => {
      if (m.reading !== undefined) settle({ reading: m.reading }, true);
      else settle({ failure: m.failure ?? "不明な誤り" }, false);
    });
    worker.on("error", (e: Error & { code?: string }) => {
      settle(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { refusal: tooLarge(`読み取りに要するメモリが上限の ${limits.memoryMb}MB を超えました`) }
          : { failure: e.message },
        false,
      );
    });
    worker.on("exit", (code) => settle({ failure: `読み取りの処理が終了しました（${code}）` }, false));
    worker.postMessage({ bytes: copy, limits }, [copy]);
  });
}
