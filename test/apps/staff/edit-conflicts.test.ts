// Two editors in process (app.request) on the seeded database (issue 11, findings 5, 6 and 9): a save
// from a stale form keeps what the other person saved and writes only what this user changed; fields both
// changed are shown side by side and decided with a radio; a sheet submitted in another tab says so and
// keeps what was typed; a forged 二次評価 is refused (403) and audited.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { testBackend } from "../../support/db.ts";
import { formFields } from "../../support/form-fields.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";

const t = withSeededDatabase();

async function two() {
  const app = createApp({ db: t.db });
  const admin = new Client(app, SEED_USERS.admin.password);
  await admin.logIn(SEED_USERS.admin.loginName);
  const soumu = new Client(app, SEED_USERS.soumu.password);
  await soumu.logIn(SEED_USERS.soumu.loginName);
  return { app, admin, soumu };
}

async function projectId(c: Client, name: string): Promise<number> {
  const plans = await c.get(`/plans/${t.planVersionId}`);
  expect(plans.status).toBe(200);
  const { admin } = t;
  const { readPlan } = await import("../../../src/usecases/plan/read-plan.ts");
  const view = await readPlan({ db: t.db, actor: admin, planVersionId: t.planVersionId });
  const e = view.projects.find((p) => p.project.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e.id;
}

async function stored(name: string) {
  const { readPlan } = await import("../../../src/usecases/plan/read-plan.ts");
  const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
  const e = view.projects.find((p) => p.project.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e.project;
}

describe(`two editors on one project (${testBackend})`, () => {
  it("職員厚生費: the administrator's 11,660 stays after the 担当課's save; only its own change is written", async () => {
    const { admin, soumu } = await two();
    const id = await projectId(admin, "職員厚生費");
    const adminForm = formFields((await admin.get(`/projects/${id}/edit`)).body);
    const soumuForm = formFields((await soumu.get(`/projects/${id}/edit`)).body);
    // 令和6年度 as printed in the book (lines 479–483): 11,659 = その他 2,050 + 一般財源 9,609.
    expect(soumuForm["inputs.2024.total"]).toBe("11659");
    expect(soumuForm["base.inputs.2024.total"]).toBe("11659");

    const a = await admin.post(`/projects/${id}`, {
      ...adminForm,
      "inputs.2024.total": "11660",
      "inputs.2024.generalRevenue": "9610",
    });
    expect(a.status).toBe(303);

    const s = await soumu.post(`/projects/${id}`, { ...soumuForm, yearGoals: "受診率100%を維持する。" });
    expect(s.status).toBe(303);
    // 職員厚生費 of measure 6-2 by its stable key: 厚 E5 8E 9A, 生 E7 94 9F in UTF-8.
    expect(s.location).toBe(
      "/cities/202088/plans/2024/projects/6-2%3A%E8%81%B7%E5%93%A1%E5%8E%9A%E7%94%9F%E8%B2%BB?notice=merged",
    );
    const shown = await soumu.get(s.location ?? "");
    expect(shown.body).toContain("保存しました。編集中に他の人が保存した変更は、そのまま残しています。");
    const now = await stored("職員厚生費");
    expect(now.inputs["2024"]?.total).toBe(11_660);
    expect(now.inputs["2024"]?.generalRevenue).toBe(9_610);
    expect(now.yearGoals).toBe("受診率100%を維持する。");
  });

  it("both change the 年度別事業費: shown side by side, decided with a radio, then saved", async () => {
    const { admin, soumu } = await two();
    const id = await projectId(admin, "職員厚生費");
    const adminForm = formFields((await admin.get(`/projects/${id}/edit`)).body);
    const soumuForm = formFields((await soumu.get(`/projects/${id}/edit`)).body);
    await admin.post(`/projects/${id}`, {
      ...adminForm,
      "inputs.2024.total": "11660",
      "inputs.2024.generalRevenue": "9610",
    });
    const mine = {
      ...soumuForm,
      "inputs.2024.total": "12,000",
      "inputs.2024.generalRevenue": "9950",
      notes: "担当課の特記事項",
    };
    const r = await soumu.post(`/projects/${id}`, mine);
    expect(r.status).toBe(409);
    const both = /<table class="table" id="conflict-both"[\s\S]*?<\/table>/.exec(r.body)?.[0] ?? "";
    // 項目, 編集を始めたときの内容, 他の人の内容, あなたの入力.
    const row = (label: string) =>
      [
        ...(new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(both)?.[1] ?? "").matchAll(
          /<td class="change">([^<]*)<\/td>/g,
        ),
      ].map((m) => m[1]);
    expect(row("令和6年度 年度別事業費")).toEqual(["11659", "11660", "12000"]);
    expect(row("令和6年度 一般財源")).toEqual(["9609", "9610", "9950"]);
    // The panel of the other person's changes lists only theirs: here every change of theirs is a conflict.
    expect(r.body).not.toContain('id="conflict-theirs"');
    const again = formFields(r.body);
    expect(again["inputs.2024.total"]).toBe("12000");
    expect(again.notes).toBe("担当課の特記事項");
    expect(again["base.inputs.2024.total"]).toBe("11659");
    expect((await stored("職員厚生費")).notes).toBe(null);

    // Saved again without choosing: still the conflict, nothing written.
    expect((await soumu.post(`/projects/${id}`, again)).status).toBe(409);
    expect((await stored("職員厚生費")).inputs["2024"]?.total).toBe(11_660);

    const decided = await soumu.post(`/projects/${id}`, {
      ...again,
      "choice.inputs.2024.total": "theirs",
      "choice.inputs.2024.generalRevenue": "theirs",
    });
    expect(decided.status).toBe(303);
    const now = await stored("職員厚生費");
    expect(now.inputs["2024"]?.total).toBe(11_660);
    expect(now.notes).toBe("担当課の特記事項");
  });

  it("a rename to a sibling's name is refused on the form, naming the field and the other project", async () => {
    const { soumu } = await two();
    const id = await projectId(soumu, "職員研修費");
    const form = formFields((await soumu.get(`/projects/${id}/edit`)).body);
    const r = await soumu.post(`/projects/${id}`, { ...form, name: "職員厚生費" });
    expect(r.status).toBe(400);
    expect(r.body).toContain(
      "事務事業名: 施策6-2には同じ名前の事務事業「職員厚生費」（所管課 総務課）がすでにあります。",
    );
    expect((await stored("職員研修費")).name).toBe("職員研修費");
  });
});

const SHEET = (id: number) => `/projects/${id}/evaluations/2024`;

describe(`an evaluation sheet submitted in another tab (${testBackend})`, () => {
  it("the save is refused with the reason and what was typed stays; the form then says so before typing", async () => {
    const { soumu } = await two();
    const id = await projectId(soumu, "職員研修費");
    const blank = formFields((await soumu.get(`${SHEET(id)}/edit`)).body);
    const complete = {
      ...blank,
      "evaluations.2024.self.aspects.necessity.rating": "A",
      "evaluations.2024.self.aspects.effectiveness.rating": "A",
      "evaluations.2024.self.aspects.efficiency.rating": "A",
      "evaluations.2024.self.aspects.equity.rating": "A",
      "evaluations.2024.self.outlook": "continue",
    };
    expect((await soumu.post(SHEET(id), complete)).status).toBe(303);
    // Tab 1 opens the form; tab 2 submits the sheet.
    const tab1 = formFields((await soumu.get(`${SHEET(id)}/edit`)).body);
    expect((await soumu.post(`${SHEET(id)}/review`, { action: "submit", comment: "" })).status).toBe(303);

    const typed = "受講者アンケートで満足度が高かった。";
    const r = await soumu.post(SHEET(id), {
      ...tab1,
      "evaluations.2024.self.aspects.effectiveness.reason": typed,
    });
    expect(r.status).toBe(409);
    expect(r.body).not.toContain("<h1>操作できませんでした</h1>");
    expect(r.body).toContain("この評価シートは提出済のため編集できません。");
    expect(r.body).toContain("あなたの入力は下に残っています");
    expect(formFields(r.body)["evaluations.2024.self.aspects.effectiveness.reason"]).toBe(typed);
    // Saved again: the same, never a bare error page, never lost.
    const again = await soumu.post(SHEET(id), formFields(r.body));
    expect(again.status).toBe(409);
    expect(formFields(again.body)["evaluations.2024.self.aspects.effectiveness.reason"]).toBe(typed);

    // Opened afresh: the form says so at once, its inputs disabled and no save button.
    const fresh = await soumu.get(`${SHEET(id)}/edit`);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain('id="closed-notice"');
    expect(fresh.body).toContain("この評価シートは提出済のため編集できません。");
    expect(fresh.body).toContain('<fieldset class="fieldset-plain" disabled="">');
    expect(fresh.body).not.toContain("保存する</button>");
  });

  it("a forged 二次評価 from the 担当課 is refused with 403 and audited", async () => {
    const { soumu } = await two();
    const id = await projectId(soumu, "職員研修費");
    const form = formFields((await soumu.get(`${SHEET(id)}/edit`)).body);
    const r = await soumu.post(SHEET(id), { ...form, "evaluations.2024.secondary.comment": "偽の二次評価" });
    expect(r.status).toBe(403);
    const log = await readAuditLog({ db: t.db, actor: t.admin, filter: { limit: 5 } });
    expect(log[0]).toMatchObject({
      action: "refused-change",
      userName: "総務 太郎（soumu01）",
      entityLabel: "職員研修費（令和6年度 事務事業評価）",
      field: "令和6年度 二次評価 コメント",
      after: "偽の二次評価",
    });
  });
});
