// readAuditLog: who may read the audit log, and its filters, over the edits of the staff tests.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditLog,
  kikaku,
  MEASURE_6_5_TITLE,
  replay,
  replayPlanEdits,
  soumu,
  t,
  viewer,
} from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  describe("readAuditLog", () => {
    it("is for the administrator only", async () => {
      for (const actor of [soumu, kikaku, viewer]) {
        // readAuditLog is not async: it throws before returning a promise, so call it inside one.
        const e = await failure(Promise.resolve().then(() => readAuditLog({ db: t.db, actor, filter: {} })));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("監査ログの閲覧は管理者だけが行えます。");
      }
    });

    it("filters by user", async () => {
      // Given: what the tests before this one wrote.
      await replay(replayPlanEdits);
      const all = await auditLog();
      const mine = await readAuditLog({ db: t.db, actor: admin, filter: { userId: soumu.userId ?? 0 } });
      expect(mine).toEqual(all.filter((r) => r.userId === soumu.userId));
      expect([...new Set(mine.map((r) => r.action))].sort()).toEqual(["submit", "update"]);
      expect(mine.map((r) => [r.action, r.entityLabel, r.field])).toEqual([
        ["update", `6-5 ${MEASURE_6_5_TITLE}`, "成果指標1 令和6年度実績"],
        ["submit", "職員研修費", "状態"],
        ["update", "職員研修費", "特記事項"],
        ["submit", "職員研修費", "状態"],
        ["update", "統計調査事業", "特記事項"],
        ["update", "職員研修費", "令和8年度 一般財源"],
        ["update", "職員研修費", "令和7年度 一般財源"],
      ]);
      const viewerRows = await readAuditLog({
        db: t.db,
        actor: admin,
        filter: { userId: viewer.userId ?? 0 },
      });
      expect(viewerRows).toEqual([]);
    });

    it("filters by department", async () => {
      // Given: what the tests before this one wrote.
      await replay(replayPlanEdits);
      const all = await auditLog();
      const soumuRows = await readAuditLog({ db: t.db, actor: admin, filter: { department: "総務課" } });
      expect(soumuRows).toEqual(all.filter((r) => r.department === "総務課"));
      expect([...new Set(soumuRows.map((r) => r.entityLabel))]).toEqual([
        `6-5 ${MEASURE_6_5_TITLE}`,
        "職員研修費",
        "統計調査事業",
        "文書費",
        "soumu01",
      ]);
      const kikakuRows = await readAuditLog({ db: t.db, actor: admin, filter: { department: "企画課" } });
      expect(kikakuRows).toEqual(all.filter((r) => r.department === "企画課"));
      expect(kikakuRows.map((r) => [r.userId, r.entityLabel, r.field])).toEqual([
        [kikaku.userId, "6-2 戦略的で効率的・効果的な行政経営を推進します", "成果指標1 令和5年度実績"],
        [kikaku.userId, "住民情報システム運用事業", "特記事項"],
        [admin.userId, "統計調査事業", "所管課"],
        [admin.userId, "住民情報システム運用事業", "特記事項"],
        // The seed's user-add by the command line: its cities (issue 12), department and role.
        [null, "kikaku01", "市町村"],
        [null, "kikaku01", "所属課"],
        [null, "kikaku01", "役割"],
      ]);
      const both = await readAuditLog({
        db: t.db,
        actor: admin,
        filter: { department: "総務課", userId: admin.userId ?? 0 },
      });
      expect(both).toEqual(all.filter((r) => r.department === "総務課" && r.userId === admin.userId));
      expect(await readAuditLog({ db: t.db, actor: admin, filter: { to: new Date(0) } })).toEqual([]);
    });
  });
});
