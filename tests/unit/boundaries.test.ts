// The server/browser boundary on the import graph (also `npm run lint`): pages and components read
// no data, and no client bundle carries server code.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  dataAccessIn,
  dataAccessInViews,
  serverCodeInClientBundles,
  serverCodeReachedFrom,
} from "@/scripts/lint/boundaries";
import { valueImports } from "@/scripts/lint/import-graph";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "portico-boundaries-"));
const write = (name: string, text: string) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
};
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the import scanner", () => {
  it("sees value imports, re-exports and dynamic imports, and skips type-only ones", () => {
    const file = write(
      "scan.tsx",
      [
        `import type { A } from "./types";`,
        `import { type B } from "./only-types";`,
        `import { c, type D } from "./mixed";`,
        `export { e } from "./reexport";`,
        `const f = () => import("./lazy");`,
      ].join("\n"),
    );
    expect(valueImports(file)).toEqual(["./mixed", "./reexport", "./lazy"]);
  });

  it("finds a client module that reaches the database through a helper", () => {
    write("helper.ts", `import { db } from "@/server/db/client";\nexport const rows = () => db();\n`);
    const client = write(
      "widget.tsx",
      `"use client";\nimport { rows } from "./helper";\nexport const W = () => rows();\n`,
    );
    expect(serverCodeReachedFrom(client)).toMatch(/widget\.tsx → .*helper\.ts → server\/db\/client\.ts$/);
  });

  it("finds a view that imports the database client or opens secrets", () => {
    const view = write(
      "view.tsx",
      `import { db } from "@/server/db/client";\nimport { openSecrets } from "@/server/services/skus/secret-values";\n`,
    );
    expect(dataAccessIn([view])).toEqual([
      expect.stringMatching(/view\.tsx imports @\/server\/db\/client$/),
      expect.stringMatching(/view\.tsx imports @\/server\/services\/skus\/secret-values$/),
    ]);
  });

  it("lets client modules call server actions, and refuses Node built-ins", () => {
    write("act.ts", `"use server";\nimport { db } from "@/server/db/client";\nexport async function a() { db(); }\n`);
    const caller = write("form.tsx", `"use client";\nimport { a } from "./act";\nexport const F = () => a;\n`);
    expect(serverCodeReachedFrom(caller)).toBeNull();
    const node = write("fs-user.tsx", `"use client";\nimport fs from "node:fs";\nexport const N = fs;\n`);
    expect(serverCodeReachedFrom(node)).toMatch(/node:fs$/);
  });
});

describe("the app", () => {
  it("pages, route files and components never import the database client or secret handling", () => {
    expect(dataAccessInViews()).toEqual([]);
  });

  it("no client module reaches server code", () => {
    expect(serverCodeInClientBundles()).toEqual([]);
  });
});
