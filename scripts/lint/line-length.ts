// Lines stay readable: no source line over 120 columns (the formatter's width; it cannot break strings,
// regexes or comments, so this catches what it leaves).
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const MAX = 120;

const sources = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.tsx", "*.mjs"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => file && !file.includes("/generated/") && fs.existsSync(file));

const long = sources.flatMap((file) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, index) => (line.length > MAX ? [`${file}:${index + 1} (${line.length} columns)`] : [])),
);
for (const line of long) console.error(`line-length: ${line}`);
if (long.length > 0) process.exit(1);
console.log(`line-length: every line of ${sources.length} files within ${MAX} columns`);
