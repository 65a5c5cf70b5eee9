export * from "./diagnostics.ts";
export * from "./evaluations.ts";
export * from "./outcome-indicators.ts";
export * from "./plan-totals.ts";
export * from "./plan-versions.ts";
export * from "./policies.ts";
export * from "./projects.ts";
export * from "./staff.ts";
