/**
 * The public identifiers of what the public API serves, which survive a re-import (row ids do not: an
 * import replaces the plan version and every row below it).
 *
 * - A city is addressed by `cityKey`: its 6-digit 全国地方公共団体コード (202088 for 小諸市), which never changes
 *   and tells apart two municipalities of one name (伊達市). An address by name (the 1.1 API's) is sent on
 *   to the code when only one municipality has that name.
 * - A plan by city and fiscal year (西暦, 2024 for 令和6年度): one plan per city and year is stored.
 * - A measure by its code (6-2), unique within a plan.
 * - A project by `projectKey`: its measure's code and its name (「6-2:職員研修費」), with 「:2」, 「:3」 … for a
 *   second and third project of the same name under one measure, in book order. Names are what a book
 *   re-imported next year or re-typed keeps; positions move when a project is added.
 * Pure.
 */

/** The path segment that names a city. */
export function cityKey(city: { code: string }): string {
  return city.code;
}

/** The keys of the projects of one measure, in their order. */
export function projectKeys(measureCode: string, names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? `${measureCode}:${name}` : `${measureCode}:${name}:${n}`;
  });
}
