// Small enhancements only: every form works without this file.
(() => {
  // Live sums of the funding grid: shows each fiscal year's 財源の合計 and whether it equals 年度別事業費.
  const toNumber = (s) => {
    const t = s
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[,\s]/g, "");
    return /^\d+$/.test(t) ? Number(t) : null;
  };
  for (const grid of document.querySelectorAll("[data-funding-grid]")) {
    const update = () => {
      for (const cell of grid.querySelectorAll("[data-sum-for]")) {
        const year = cell.getAttribute("data-sum-for");
        const get = (field) => {
          const input = grid.querySelector(`input[data-year="${year}"][data-field="${field}"]`);
          return input ? toNumber(input.value) : null;
        };
        const parts = ["nationalPrefectural", "localBonds", "otherEarmarked", "generalRevenue"].map(get);
        const total = get("total");
        const inputs = grid.querySelectorAll(`input[data-year="${year}"]`);
        const empty = [...inputs].every((i) => i.value.trim() === "");
        cell.classList.remove("sum--ok", "sum--bad");
        if (empty) {
          cell.textContent = "";
          continue;
        }
        if (parts.some((p) => p === null) || total === null) {
          cell.textContent = "数字（整数）を入力してください";
          cell.classList.add("sum--bad");
          continue;
        }
        const sum = parts.reduce((a, b) => a + b, 0);
        const ok = sum === total;
        cell.textContent = `${sum.toLocaleString("ja-JP")}${ok ? " ✓" : `（事業費と ${(sum - total).toLocaleString("ja-JP")} の差）`}`;
        cell.classList.add(ok ? "sum--ok" : "sum--bad");
        const totalInput = grid.querySelector(`input[data-year="${year}"][data-field="total"]`);
        if (totalInput) totalInput.setCustomValidity(ok ? "" : "財源の合計が年度別事業費と一致しません。");
      }
    };
    grid.addEventListener("input", update);
    update();
  }
  // Warn before leaving a form with unsaved changes.
  for (const form of document.querySelectorAll("form[data-unsaved-warning]")) {
    let dirty = false;
    form.addEventListener("input", () => {
      dirty = true;
    });
    form.addEventListener("submit", () => {
      dirty = false;
    });
    window.addEventListener("beforeunload", (e) => {
      if (dirty) {
        e.preventDefault();
        e.returnValue = "";
      }
    });
  }
})();
