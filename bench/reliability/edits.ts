/**
 * Two editors saving the same project at once, through the real edit form, twice ROUNDS times; each round
 * both open the form (same version) and save at the same moment.
 * - Same field (ROUNDS rounds): both change 特記事項. Exactly one must be saved (303) and the other told of
 *   the conflict (409, the field shown side by side). The one refused then decides for their own text
 *   (choice.notes=mine) and saves again, as a person would: that must be saved and stored.
 * - Different fields (ROUNDS rounds): A changes 特記事項, B 事業概要. Both must be saved (the later save is
 *   merged three ways, usecases/editing/save-project.ts) and the project must show both changes.
 * The audit log is checked after the server stops (`auditOfEdits`): one entry per change made, none that
 * reverts a field to an older value.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { auditEvents } from "../../src/db/schema/index.ts";
import { type CheckResult, formValues, type Session } from "./harness.ts";

export const EDIT_ROUNDS = 20;

export interface EditLog {
  projectId: number;
  /** Per round, the two values written (特記事項 twice, or 特記事項 and 事業概要). */
  rounds: { values: [string, string] }[];
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
  let decided = 0;
  let merged = 0;
  let lost = 0;
  const problems: string[] = [];
  const stored = async () => formValues(await (await a.get(`${action}/edit`)).text(), action);
  for (let k = 0; k < 2 * rounds; k++) {
    const same = k < rounds;
    const tag = `${k}-${Math.random().toString(36).slice(2, 8)}`;
    const valueA = `信頼性確認 A${tag}`;
    const valueB = `信頼性確認 B${tag}`;
    const fieldB = same ? "notes" : "summary";
    log.rounds.push({ values: [valueA, valueB] });
    const [formA, formB] = await Promise.all([
      a.get(`${action}/edit`).then((r) => r.text()),
      b.get(`${action}/edit`).then((r) => r.text()),
    ]);
    const va = formValues(formA, action);
    const vb = formValues(formB, action);
    va.set("_csrf", a.csrf);
    vb.set("_csrf", b.csrf);
    va.set("notes", valueA);
    vb.set(fieldB, valueB);
    const [ra, rb] = await Promise.all([a.post(action, va), b.post(action, vb)]);
    const [ha, hb] = await Promise.all([ra.text(), rb.text()]);
    const statuses = [ra.status, rb.status].sort().join("+");
    if (!same) {
      if (statuses === "303+303") merged++;
      else problems.push(`round ${k} (different fields): answered ${statuses}, expected both saved`);
      const now = await stored();
      if (now.get("notes") !== valueA || now.get("summary") !== valueB) {
        lost++;
        problems.push(`round ${k} (different fields): the stored project lost a change`);
      }
      continue;
    }
    if (statuses !== "303+409") {
      problems.push(`round ${k} (same field): answered ${statuses}, expected one 303 and one 409`);
      continue;
    }
    oneWinner++;
    const loser = ra.status === 409 ? { s: a, html: ha, value: valueA } : { s: b, html: hb, value: valueB };
    const winnerValue = loser.value === valueA ? valueB : valueA;
    if (!loser.html.includes(winnerValue))
      problems.push(`round ${k}: the conflict does not show the other text`);
    // Save again what the conflict page gives back, deciding for one's own text.
    const again = formValues(loser.html, action);
    again.set("_csrf", loser.s.csrf);
    again.set("notes", loser.value);
    again.set("choice.notes", "mine");
    const retry = await loser.s.post(action, again);
    await retry.arrayBuffer();
    if (retry.status === 303) decided++;
    else problems.push(`round ${k}: saving again with the decision answered ${retry.status}`);
    if ((await stored()).get("notes") !== loser.value) {
      lost++;
      problems.push(`round ${k} (same field): the decided text is not what is stored`);
    }
  }
  for (const p of problems.slice(0, 5)) process.stdout.write(`  ${p}\n`);
  const ok = oneWinner === rounds && decided === rounds && merged === rounds && lost === 0;
  return {
    result: {
      check: "concurrent-edits",
      counts: `${rounds} rounds on one field: ${oneWinner} with exactly one winner and a 409, ${decided} saved again with the decision; ${rounds} rounds on different fields: ${merged} both saved (merged); ${lost} rounds lost a change`,
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
  const written = new Set(log.rounds.flatMap((r) => r.values));
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
