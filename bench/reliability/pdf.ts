/**
 * PARALLEL PDF downloads at once by a viewer-like session, while the resident memory of the server and all
 * its child processes (Chromium) is sampled every 100 ms. Every download must be a PDF and the peak must
 * stay under `limitBytes`. If the tree passes `abortBytes` the downloads are cancelled and the check fails,
 * so that the run cannot take the machine's memory.
 */
import { type CheckResult, mb, type Server, type Session, sleep, treeRss } from "./harness.ts";

export const PARALLEL = 20;

export async function parallelPdfs(
  server: Server,
  session: Session,
  planVersionId: number,
  opts: { parallel?: number; limitBytes: number; abortBytes: number },
): Promise<CheckResult> {
  const parallel = opts.parallel ?? PARALLEL;
  const pid = server.child.pid ?? 0;
  const baseline = treeRss(pid);
  let peak = baseline;
  let aborted = false;
  const controller = new AbortController();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, treeRss(pid));
      if (peak > opts.abortBytes && !aborted) {
        aborted = true;
        controller.abort();
      }
      await sleep(100);
    }
  })();
  const t = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: parallel }, async () => {
      try {
        const res = await session.get(`/plans/${planVersionId}/download/pdf`, {
          signal: AbortSignal.any([controller.signal, AbortSignal.timeout(180_000)]),
        });
        const body = new Uint8Array(await res.arrayBuffer());
        const isPdf = res.status === 200 && new TextDecoder().decode(body.subarray(0, 5)) === "%PDF-";
        return isPdf ? "pdf" : `status ${res.status}`;
      } catch (e) {
        return e instanceof Error ? e.name : "error";
      }
    }),
  );
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  sampling = false;
  await sampler;
  const pdfs = outcomes.filter((o) => o === "pdf").length;
  const others = new Map<string, number>();
  for (const o of outcomes) if (o !== "pdf") others.set(o, (others.get(o) ?? 0) + 1);
  const otherText = [...others].map(([o, n]) => `${n}× ${o}`).join(", ");
  const ok = !aborted && pdfs === parallel && peak <= opts.limitBytes && server.alive();
  const why = aborted
    ? `memory passed ${mb(opts.abortBytes)}: downloads cancelled`
    : pdfs < parallel
      ? `${parallel - pdfs} downloads failed`
      : peak > opts.limitBytes
        ? `peak over ${mb(opts.limitBytes)}`
        : "the server died";
  return {
    check: "parallel-pdf",
    counts: `${parallel} parallel PDF downloads in ${seconds} s: ${pdfs} PDFs${otherText ? `, ${otherText}` : ""}; server and children (PSS) ${mb(baseline)} before, peak ${mb(peak)} (limit ${mb(opts.limitBytes)})`,
    ok,
    ...(ok ? {} : { why }),
  };
}
