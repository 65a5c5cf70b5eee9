/**
 * Two editors saving the same project at once, through the real edit form, ROUNDS times. Each round both
 * open the form (same version), editor A changes 特記事項 and editor B 事業概要, and both save at the same
 * moment: exactly one must be saved (303) and the other told of the conflict (409). The one refused then
 * saves the form the conflict page gave back, as a person would press 保存 again: that must be saved, and
 * the project must then show both changes — the winner's change silently reverted is a loss. The audit log is
 * checked after the server stops (`auditOfEdits`): one entry per change made, none that reverts a field to
 * an older value.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { auditEvents } from "../../src/db/schema/index.ts";
import { type CheckResult, formValues, type Session } from "./harness.ts";

export const EDIT_ROUNDS = 20;

export interface EditLog {
  projectId: number;
  /** Per round, the values each editor wrote: [notes of A, summary of B]. */
  rounds: { notes: string; summary: string }[];
}

export async function concurrentEdits(
  a: Session,
  b: Session,
  projectId: number,
  rounds = EDIT_ROUNDS,
): Promise<{ result: CheckResult; log: EditLog }> {
  const action = `/projects/${projectId}`;
  const log: EditLog = { projectId, rounds: [] };
  let oneWinner = 0;
  let bothSaved = 0;
  let noneSaved = 0;
  let retriedOk = 0;
  let lost = 0;
  const problems: string[] = [];
  for (let k = 0; k < rounds; k++) {
    const tag = `${k}-${Math.random().toString(36).slice(2, 8)}`;
    const notes = `信頼性確認 A${tag}`;
    const summary = `信頼性確認 B${tag}`;
    log.rounds.push({ notes, summary });
    const [formA, formB] = await Promise.all([
      a.get(`${action}/edit`).then((r) => r.text()),
      b.get(`${action}/edit`).then((r) => r.text()),
    ]);
    const va = formValues(formA, action);
    const vb = formValues(formB, action);
    va.set("_csrf", a.csrf);
    vb.set("_csrf", b.csrf);
    va.set("notes", notes);
    vb.set("summary", summary);
    const [ra, rb] = await Promise.all([a.post(action, va), b.post(action, vb)]);
    const [ha, hb] = await Promise.all([ra.text(), rb.text()]);
    const saved = [ra.status === 303, rb.status === 303];
    if (saved[0] && saved[1]) bothSaved++;
    else if (!saved[0] && !saved[1]) {
      noneSaved++;
      problems.push(`round ${k}: neither saved (${ra.status}, ${rb.status})`);
      continue;
    } else {
      const loser = saved[0]
        ? { s: b, res: rb, html: hb, field: "summary", value: summary }
        : { s: a, res: ra, html: ha, field: "notes", value: notes };
      if (loser.res.status !== 409)
        problems.push(`round ${k}: the refused save answered ${loser.res.status}`);
      else oneWinner++;
      // Save again what the conflict page shows, as a person pressing 保存 once more.
      const again = formValues(loser.html, action);
      again.set("_csrf", loser.s.csrf);
      if (again.get(loser.field) !== loser.value) again.set(loser.field, loser.value);
      const retry = await loser.s.post(action, again);
      await retry.arrayBuffer();
      if (retry.status === 303) retriedOk++;
      else problems.push(`round ${k}: saving again after the conflict answered ${retry.status}`);
    }
    // What is stored, as the edit form shows it (the project page also lists the history, old values too).
    const stored = formValues(await (await a.get(`${action}/edit`)).text(), action);
    const keptA = stored.get("notes") === notes;
    const keptB = stored.get("summary") === summary;
    if (!keptA || !keptB) {
      lost++;
      problems.push(
        `round ${k}: the stored project lost ${keptA ? "" : "A's 特記事項 "}${keptB ? "" : "B's 事業概要"}`,
      );
    }
  }
  for (const p of problems.slice(0, 5)) process.stdout.write(`  ${p}\n`);
  const ok = oneWinner === rounds && bothSaved === 0 && lost === 0 && retriedOk === rounds;
  return {
    result: {
      check: "concurrent-edits",
      counts: `${rounds} rounds: ${oneWinner} with exactly one winner and a 409, ${bothSaved} both saved, ${noneSaved} none saved; ${retriedOk} saved again after the conflict; ${lost} rounds lost a change`,
      ok,
      ...(ok ? {} : { why: problems[0] ?? "" }),
    },
    log,
  };
}

/** The audit log of the edit rounds: every change recorded once, and no entry reverting a field. */
export async function auditOfEdits(db: Database, log: EditLog): Promise<CheckResult> {
  const rows = await db
    .select({
      id: auditEvents.id,
      field: auditEvents.field,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityKind, "project"),
        eq(auditEvents.entityId, log.projectId),
        inArray(auditEvents.field, ["特記事項", "事業概要"]),
      ),
    )
    .orderBy(auditEvents.id);
  const written = new Set(log.rounds.flatMap((r) => [r.notes, r.summary]));
  const recorded = new Set(rows.map((r) => r.after));
  const missing = [...written].filter((v) => !recorded.has(v)).length;
  // A revert: an entry whose new value is one that had already been replaced in that field.
  const history = new Map<string, string[]>();
  let reverts = 0;
  for (const r of rows) {
    const field = r.field ?? "";
    const seen = history.get(field) ?? [];
    if (r.after !== null && seen.includes(r.after)) reverts++;
    if (r.before !== null) seen.push(r.before);
    history.set(field, seen);
  }
  const expected = log.rounds.length * 2;
  const ok = missing === 0 && reverts === 0 && rows.length === expected;
  return {
    check: "concurrent-edits-audit",
    counts: `${rows.length} audit entries for 特記事項/事業概要 (expected ${expected}), ${missing} changes not recorded, ${reverts} entries reverting a field`,
    ok,
    ...(ok
      ? {}
      : {
          why:
            reverts > 0
              ? "a save reverted another person's change"
              : "the audit log does not match the saves",
        }),
  };
}
