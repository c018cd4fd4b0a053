// Adds up the vitest and Playwright JSON reports into one closing line.
import fs from "node:fs";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
const vitest = read("test-reports/vitest.json");
const e2e = read("test-reports/e2e.json");
if (!vitest || !e2e) {
  console.error(
    `missing test report: ${!vitest ? "test-reports/vitest.json " : ""}${!e2e ? "test-reports/e2e.json" : ""}`,
  );
  process.exit(1);
}
const kinds = { unit: 0, integration: 0, e2e: 0 };
let passed = 0,
  failed = 0,
  skipped = 0;

for (const file of vitest?.testResults ?? []) {
  const kind = file.name.includes("/tests/integration/") ? "integration" : "unit";
  for (const t of file.assertionResults) {
    if (t.status === "passed") {
      passed++;
      kinds[kind]++;
    } else if (t.status === "failed") failed++;
    else skipped++;
  }
}
const e2eStats = e2e?.stats ?? { expected: 0, unexpected: 0, skipped: 0, flaky: 0 };
kinds.e2e = e2eStats.expected;
passed += e2eStats.expected;
failed += e2eStats.unexpected + e2eStats.flaky;
skipped += e2eStats.skipped;

console.log(
  `tests by kind: ${kinds.unit} unit, ${kinds.integration} integration, ${kinds.e2e} end-to-end; ` +
    `wall time ${process.argv[2]} s`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
