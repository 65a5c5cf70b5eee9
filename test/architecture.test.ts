import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/cli.ts";

// The layer rules of docs/ARCHITECTURE.md, checked on every import of every file in src/ (the TypeScript
// parser reads each file, so `import type` and per-name `type` imports are told apart from value imports).

const SRC = join(projectRoot, "src");

interface Import {
  file: string; // relative to src/, with "/" separators
  line: number;
  /** The specifier as written. */
  spec: string;
  /** For a relative import: the imported file relative to src/; null for a package. */
  target: string | null;
  /** True when nothing but types is imported (erased at run time). */
  typeOnly: boolean;
  /** The value names imported (empty for a type-only or side-effect import). */
  names: string[];
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p, pattern);
    return pattern.test(e.name) ? [p] : [];
  });
}
const sourceFiles = (dir: string) => filesUnder(dir, /\.(ts|tsx)$/);

function importsOf(path: string): Import[] {
  const text = readFileSync(path, "utf8");
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const file = relative(SRC, path).split("\\").join("/");
  const out: Import[] = [];
  const add = (node: ts.Node, spec: string, typeOnly: boolean, names: string[]) => {
    const target = spec.startsWith(".")
      ? relative(SRC, resolve(dirname(path), spec))
          .split("\\")
          .join("/")
      : null;
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    out.push({ file, line, spec, target, typeOnly, names });
  };
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      let typeOnly = false;
      let names: string[] = [];
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        if (clause?.isTypeOnly) typeOnly = true;
        else if (clause) {
          if (clause.name) names.push("default");
          const nb = clause.namedBindings;
          if (nb && ts.isNamespaceImport(nb)) names.push("*");
          if (nb && ts.isNamedImports(nb))
            names.push(...nb.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
          typeOnly = names.length === 0 && (nb !== undefined || clause.name !== undefined);
        }
      } else {
        typeOnly = node.isTypeOnly;
        names = typeOnly ? [] : ["(re-export)"];
      }
      add(node, node.moduleSpecifier.text, typeOnly, names);
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false, ["(dynamic)"]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const layerOf = (p: string) => p.split("/")[0] ?? "";
const where = (i: Import) => `src/${i.file}:${i.line} imports ${i.spec}`;

describe("the layer rules", () => {
  it("reads the whole tree", () => {
    // A guard for the test itself: were the walk or the parser broken, every rule below would pass vacuously.
    expect(files.length).toBeGreaterThan(100);
    expect(imports.some((i) => i.file === "apps/cli/main.ts")).toBe(true);
    expect(imports.filter((i) => i.spec === "drizzle-orm").length).toBeGreaterThan(5);
  });

  it("domain/ imports nothing outside itself (no packages, no node:, no other layer)", () => {
    const bad = imports.filter(
      (i) => layerOf(i.file) === "domain" && (i.target === null || layerOf(i.target) !== "domain"),
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("ui/ imports only domain/ and hono's JSX", () => {
    const bad = imports.filter(
      (i) =>
        layerOf(i.file) === "ui" &&
        !(i.target === null ? i.spec.startsWith("hono/jsx") : ["domain", "ui"].includes(layerOf(i.target))),
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("only db/ imports drizzle-orm, pg or PGlite", () => {
    const bad = imports.filter(
      (i) =>
        layerOf(i.file) !== "db" &&
        /^(drizzle-orm|pg|@electric-sql\/pglite)(\/|$)/.test(i.spec) &&
        !i.typeOnly,
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("formats/ and db/ import neither use cases nor transports", () => {
    const bad = imports.filter(
      (i) =>
        ["formats", "db"].includes(layerOf(i.file)) &&
        i.target !== null &&
        ["usecases", "apps"].includes(layerOf(i.target)),
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("use cases import no transport", () => {
    const bad = imports.filter(
      (i) => layerOf(i.file) === "usecases" && i.target !== null && layerOf(i.target) === "apps",
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("transports (apps/) import no value from db/, except openDatabase where the command line opens it", () => {
    // The command line opens the database once (lazily, so parse and check never load it) and hands it to
    // the use cases and to the staff server; everything else a transport needs from storage goes through a
    // use case. Types (Database, Role…) are erased and allowed.
    const roots = new Set(["apps/cli/storage.ts", "apps/cli/commands/start.ts"]);
    const bad = imports.filter(
      (i) =>
        layerOf(i.file) === "apps" &&
        i.target !== null &&
        layerOf(i.target) === "db" &&
        !i.typeOnly &&
        !(
          roots.has(i.file) &&
          i.target === "db/client.ts" &&
          i.names.every((n) => n === "openDatabase" || n === "(dynamic)")
        ),
    );
    expect(bad.map(where)).toEqual([]);
  });

  it("the API and the future portal never import staff code", () => {
    const bad = imports.filter(
      (i) =>
        (i.file.startsWith("apps/api/") || i.file.startsWith("apps/portal/")) &&
        i.target?.startsWith("apps/staff/"),
    );
    expect(bad.map(where)).toEqual([]);
  });
});

describe("file sizes", () => {
  // Generated data may be long; everything else is split by concern (docs/CODE_STYLE.md).
  const GENERATED = new Set(["domain/plan/jisx0213-table.ts"]);
  const LIMIT = 450;

  it(`no file in src/ is over ${LIMIT} lines unless it is generated data`, () => {
    const all = filesUnder(SRC, /\.(ts|tsx|js|css)$/);
    const long = all
      .map((p) => ({ file: relative(SRC, p), lines: readFileSync(p, "utf8").split("\n").length }))
      .filter((f) => f.lines > LIMIT && !GENERATED.has(f.file))
      .map((f) => `src/${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
