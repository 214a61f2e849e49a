// Reads BPMN 2.0 files with bpmn-moddle (the library bpmn.io and Camunda Modeler read with) and
// lints them with bpmnlint's `recommended` rules. Usage: node check-bpmn.mjs FILE...
// A file fails on any import warning (an unknown element or attribute, an unresolved
// reference) and on any bpmnlint report, warnings included. Exits 1 if any file fails.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BpmnModdle } from "bpmn-moddle";

const require = createRequire(import.meta.url);
const { Linter } = require("bpmnlint");
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver");

let failed = false;
for (const file of process.argv.slice(2)) {
  const problems = [];
  try {
    const moddle = new BpmnModdle();
    const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, "utf8"), "bpmn:Definitions");
    for (const warning of warnings) {
      problems.push(`bpmn-moddle: ${warning.message}`);
    }
    // A linter per file: some rules (no-duplicate-sequence-flows) keep state between runs.
    const linter = new Linter({ config: { extends: "bpmnlint:recommended" }, resolver: new NodeResolver({ require }) });
    const reports = await linter.lint(rootElement);
    for (const [rule, entries] of Object.entries(reports)) {
      for (const entry of entries) {
        problems.push(`bpmnlint ${rule} (${entry.category}): ${entry.id ?? ""} ${entry.message}`);
      }
    }
  } catch (error) {
    problems.push(`bpmn-moddle: ${error?.message ?? error}`);
  }
  if (problems.length > 0) {
    failed = true;
    for (const problem of problems) {
      console.error(`${file}: ${problem}`);
    }
  } else {
    console.log(`${file}: read without warnings, lint clean`);
  }
}
process.exit(failed ? 1 : 0);
