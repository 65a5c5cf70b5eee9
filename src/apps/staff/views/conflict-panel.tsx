import type { AuditEventRow } from "../../../db/audit.ts";
import type { FieldChange } from "../../../domain/editing/changes.ts";
import type { FieldConflict } from "../../../domain/editing/three-way.ts";
import type { FormValues } from "../forms.ts";
import { Hidden } from "./components.tsx";

// What a form shows after a save from a stale form (issue 11, finding 5): what the other person changed
// (kept, already in the form), and the fields both changed, side by side, each with a choice; and the
// hidden base fields every edit form carries, so that a save knows what the user changed.

export interface ConflictProps {
  /** What the other person changed (base → theirs). */
  differences: FieldChange[];
  /** Fields both changed differently (empty when the form sent no base). */
  conflicts?: FieldConflict[];
  history: AuditEventRow[];
  /** The choices already made, by field. */
  choices?: Record<string, string>;
  /** The id of the form the choices belong to. */
  form: string;
}

const shown = (v: string | null) => v ?? "（空欄）";

/** The values the form was made from, as hidden `base.<field>` fields. */
export function BaseFields(p: { values: FormValues }) {
  return (
    <>
      {Object.entries(p.values).map(([k, v]) => (
        <Hidden name={`base.${k}`} value={v} />
      ))}
    </>
  );
}

export function ConflictPanel(p: ConflictProps) {
  const latest = p.history.filter((h) => h.action === "update").slice(0, 1)[0];
  const conflicts = p.conflicts ?? [];
  const who = latest ? `${latest.userName} さん` : "他の人";
  return (
    <section class="notice notice--warning" id="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">他の人の変更</h2>
      {p.differences.length > 0 ? (
        <>
          <p>
            あなたが編集を始めた後に、{who}
            が次の項目を変更しました。あなたが変更していない項目なので、保存しても他の人の内容のまま残ります（下のフォームにも反映しています）。
          </p>
          <div class="table-wrap">
            <table class="table" id="conflict-theirs">
              <caption>他の人が変更した項目</caption>
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">編集を始めたときの内容</th>
                  <th scope="col">他の人の変更後</th>
                </tr>
              </thead>
              <tbody>
                {p.differences.map((d) => (
                  <tr>
                    <th scope="row">{d.label}</th>
                    <td class="change">{shown(d.before)}</td>
                    <td class="change">{shown(d.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>あなたが編集を始めた後に、{who}が保存しました。</p>
      )}
      {conflicts.length > 0 ? (
        <>
          <h3 id="conflict-both-title">両方が変更した項目</h3>
          <p>
            次の項目は、あなたと{who}
            が違う内容に変更しました。項目ごとに残す内容を選んでから「保存する」を押してください。「あなたの入力」を選ぶと、下のフォームの内容を保存します。
          </p>
          <div class="table-wrap">
            <table class="table" id="conflict-both" aria-labelledby="conflict-both-title">
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">編集を始めたときの内容</th>
                  <th scope="col">他の人の内容</th>
                  <th scope="col">あなたの入力</th>
                  <th scope="col">残す内容</th>
                </tr>
              </thead>
              <tbody>
                {conflicts.map((c) => (
                  <tr>
                    <th scope="row">{c.label}</th>
                    <td class="change">{shown(c.base)}</td>
                    <td class="change">{shown(c.theirs)}</td>
                    <td class="change">{shown(c.mine)}</td>
                    <td>
                      <fieldset class="choice">
                        <legend class="visually-hidden">{c.label}に残す内容</legend>
                        <label>
                          <input
                            type="radio"
                            form={p.form}
                            name={`choice.${c.field}`}
                            value="theirs"
                            checked={p.choices?.[c.field] === "theirs"}
                          />{" "}
                          他の人の内容
                        </label>{" "}
                        <label>
                          <input
                            type="radio"
                            form={p.form}
                            name={`choice.${c.field}`}
                            value="mine"
                            checked={p.choices?.[c.field] === "mine"}
                          />{" "}
                          あなたの入力
                        </label>
                      </fieldset>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
