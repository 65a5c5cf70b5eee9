import { formatThousands } from "../domain/plan/money.ts";

/** An amount of 千円 with digit grouping, 「—」 when there is none. */
export function Money(p: { value: number | undefined | null }) {
  return (
    <span class="num">{p.value === undefined || p.value === null ? "—" : formatThousands(p.value)}</span>
  );
}

/** An amount of 千円 as the book prints it: 「9,300 千円」, 「—」 when there is none. */
export function formatYen(n: number | undefined | null): string {
  return n === undefined || n === null ? "—" : `${formatThousands(n)} 千円`;
}
