// saveMeasure: what the administrator and the lead department may change on a measure, audited.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import type { FieldChange } from "../../../src/domain/editing/changes.ts";
import { saveMeasure } from "../../../src/usecases/editing/save-measure.ts";
import { EditConflict, HoshinError } from "../../../src/usecases/errors.ts";
import { readHistory } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditLog,
  brief,
  kikaku,
  MEASURE_6_5_TITLE,
  measureForm,
  measureState,
  planRow,
  replay,
  saveMeasureSteps,
  soumu,
  t,
  viewer,
} from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  describe("saveMeasure", () => {
    it("lets the administrator change the texts", async () => {
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      m.notes = "令和6年度は接遇研修を重点的に実施";
      m.priorities = [...before.measure.priorities, "⑤テレワークの試行"];
      const r = await saveMeasure({
        db: t.db,
        actor: admin,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      const changes = [
        {
          field: "priorities",
          label: "重点方針と目標",
          before: before.measure.priorities.join("\n"),
          after: [...before.measure.priorities, "⑤テレワークの試行"].join("\n"),
        },
        { field: "notes", label: "特記事項", before: null, after: "令和6年度は接遇研修を重点的に実施" },
      ];
      expect(r).toEqual({ version: before.version + 1, changes });
      const after = await measureState("6-5");
      expect(after.version).toBe(before.version + 1);
      expect(after.measure).toEqual({ ...before.measure, ...m });
      const history = await readHistory({ db: t.db, actor: viewer, kind: "measure", id: before.id });
      const entity = {
        kind: "measure" as const,
        id: before.id,
        label: `6-5 ${MEASURE_6_5_TITLE}`,
        department: "総務課",
      };
      expect(history.map(brief)).toEqual([
        planRow(admin, "update", entity, changes[1] as FieldChange),
        planRow(admin, "update", entity, changes[0] as FieldChange),
      ]);
    });

    it("lets the lead department (総務課 for 6-5) enter an outcome-indicator actual", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveMeasureSteps.adminEdits65Texts);
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-5 has no outcome indicator");
      indicator.actual["2024"] = { text: "80", value: 80, comparator: "=" };
      const r = await saveMeasure({
        db: t.db,
        actor: soumu,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      const change = {
        field: "outcomeIndicators.0.actual.2024",
        label: "成果指標1 令和6年度実績",
        before: null,
        after: "80",
      };
      expect(r).toEqual({ version: before.version + 1, changes: [change] });
      const after = await measureState("6-5");
      expect(after.measure.outcomeIndicators[0]?.actual).toEqual({
        "2021": { text: "73.8", value: 73.8, comparator: "=" },
        "2022": { text: "71.5", value: 71.5, comparator: "=" },
        "2024": { text: "80", value: 80, comparator: "=" },
      });
      expect(after.measure).toEqual({ ...before.measure, outcomeIndicators: m.outcomeIndicators });
      const [latest] = await readHistory({ db: t.db, actor: soumu, kind: "measure", id: before.id });
      expect(latest && brief(latest)).toEqual(
        planRow(
          soumu,
          "update",
          { kind: "measure", id: before.id, label: `6-5 ${MEASURE_6_5_TITLE}`, department: "総務課" },
          change,
        ),
      );
    });

    it("refuses the lead department a change of a text, alone or with an actual (forbidden)", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveMeasureSteps.adminEdits65Texts, saveMeasureSteps.soumuEnters65Actual);
      const before = await measureState("6-5");
      const logBefore = await auditLog();
      const textOnly = measureForm(before.measure);
      textOnly.futureActions = "研修を増やす";
      const e1 = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: textOnly,
        }),
      );
      expect(e1.code).toBe("forbidden");
      expect(e1.message).toBe(
        "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 今後の取り組み）。",
      );

      const mixed = measureForm(before.measure);
      const indicator = mixed.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2024"] = { text: "75", value: 75, comparator: "=" };
      indicator.planned["2024"] = { text: "90", value: 90, comparator: "=" };
      mixed.notes = null;
      const e2 = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: mixed,
        }),
      );
      expect(e2.code).toBe("forbidden");
      expect(e2.message).toBe(
        "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 特記事項、成果指標2 令和6年度計画）。",
      );
      expect(await measureState("6-5")).toEqual(before);
      // Nothing stored; each forged field is on record as a refused change.
      const log = await auditLog();
      expect(log.filter((r) => r.action !== "refused-change")).toEqual(logBefore);
      expect(log.filter((r) => r.action === "refused-change").map((r) => r.field)).toContain("特記事項");
    });

    it("refuses another department and the viewer on 6-5, even for an actual (forbidden)", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveMeasureSteps.adminEdits65Texts, saveMeasureSteps.soumuEnters65Actual);
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2023"] = { text: "70", value: 70, comparator: "=" };
      for (const actor of [kikaku, viewer]) {
        const e = await failure(
          saveMeasure({ db: t.db, actor, measureId: before.id, expectedVersion: before.version, measure: m }),
        );
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(`施策「6-5 ${MEASURE_6_5_TITLE}」は編集できません。`);
      }
      expect(await measureState("6-5")).toEqual(before);
    });

    it("follows the measure's lead department: 企画課 may enter actuals of 6-2, 総務課 may not", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveMeasureSteps.adminEdits65Texts, saveMeasureSteps.soumuEnters65Actual);
      const before = await measureState("6-2");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-2 has no outcome indicator");
      indicator.actual["2023"] = { text: "-20", value: -20, comparator: "=" };
      const e = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: m,
        }),
      );
      expect(e.code).toBe("forbidden");
      expect(await measureState("6-2")).toEqual(before);
      const r = await saveMeasure({
        db: t.db,
        actor: kikaku,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      expect(r).toEqual({
        version: before.version + 1,
        changes: [
          {
            field: "outcomeIndicators.0.actual.2023",
            label: "成果指標1 令和5年度実績",
            before: null,
            after: "-20",
          },
        ],
      });
    });

    it("throws EditConflict on a stale version and refuses an indicator without a name", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        saveMeasureSteps.adminEdits65Texts,
        saveMeasureSteps.soumuEnters65Actual,
        saveMeasureSteps.kikakuEnters62Actual,
      );
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      m.sectoralPlans = "人材育成基本方針";
      const e = await failure(
        saveMeasure({
          db: t.db,
          actor: admin,
          measureId: before.id,
          expectedVersion: before.version - 1,
          measure: m,
        }),
      );
      expect(e).toBeInstanceOf(EditConflict);
      expect((e as EditConflict).currentVersion).toBe(before.version);
      expect((e as EditConflict).differences).toEqual([
        {
          field: "sectoralPlans",
          label: "個別計画",
          before: "人材育成基本方針",
          after: "人材育成基本方針／定員管理計画",
        },
      ]);
      const unnamed = measureForm(before.measure);
      const indicator = unnamed.outcomeIndicators[0];
      if (!indicator) throw new Error("6-5 has no outcome indicator");
      indicator.name = " ";
      const invalid = await failure(
        saveMeasure({
          db: t.db,
          actor: admin,
          measureId: before.id,
          expectedVersion: before.version,
          measure: unnamed,
        }),
      );
      expect(invalid.code).toBe("invalid-input");
      expect(invalid.fields).toEqual([
        { field: "outcomeIndicators.0.name", message: "成果指標1の指標名を入力してください。" },
      ]);
      expect(await measureState("6-5")).toEqual(before);
    });
  });

  describe("saveMeasure: what a department may not change, however the form is built", () => {
    it("refuses the lead department a change of a planned value hidden behind an unchanged text", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        saveMeasureSteps.adminEdits65Texts,
        saveMeasureSteps.soumuEnters65Actual,
        saveMeasureSteps.kikakuEnters62Actual,
      );
      // The form sends IndicatorValue objects; the diff compares their text only. A 担当課 user must not be
      // able to change a planned value (計画) by keeping its text and sending another number: either the
      // save is refused, or the stored planned value is kept. (Fails today: saveMeasure checks the 担当課's
      // changes with diffMeasures, which sees only texts, then stores every value it was sent.)
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2024"] = { text: "75", value: 75, comparator: "=" };
      indicator.planned["2024"] = { text: "85", value: 100, comparator: ">=" };
      await saveMeasure({
        db: t.db,
        actor: soumu,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      }).catch((e: unknown) => {
        if (!(e instanceof HoshinError && e.code === "forbidden")) throw e;
      });
      // Whether refused or saved, the planned value stays as the administrator left it.
      const after = await measureState("6-5");
      expect(after.measure.outcomeIndicators[1]?.planned["2024"]).toEqual({
        text: "85",
        value: 85,
        comparator: "=",
      });
    });
  });
});
