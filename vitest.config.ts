import { defineConfig } from "vitest/config";

// Two projects. "unit": the pure tests (test/domain, and the format tests that open no database), which
// run in seconds without any database: `npm run test:unit`. "db": every other test, on PGlite or, with
// DATABASE_URL, PostgreSQL, each test database copied from the templates built once by test/global-setup.ts.
// `npm test` runs both. A new pure test goes under test/domain, or into UNIT_FILES if it is elsewhere.
const UNIT_FILES = [
  "test/domain/**/*.test.ts",
  "test/formats/book-text/*.test.ts",
  "test/formats/xlsx/*.test.ts",
  "test/formats/hoshin-plan/*.test.ts",
  "test/formats/open-data/formula-guard.test.ts",
  "test/apps/staff/forms.test.ts",
  "test/ui/**/*.test.ts",
  "test/architecture.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Both cores: the db tests spend much of their time waiting on child processes (the CLI, the server,
    // Chromium), so two files at a time is the fastest on the 2-core machines (PGlite suite ≈ 7.5 min).
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: UNIT_FILES } },
      {
        extends: true,
        test: {
          name: "db",
          include: ["test/**/*.test.ts"],
          exclude: UNIT_FILES,
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
