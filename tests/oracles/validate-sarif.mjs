// Validates SARIF files against the official SARIF 2.1.0 JSON schema (as shipped in the
// @microsoft/sarif-multitool package). Usage: node validate-sarif.mjs FILE...
// Prints every schema violation and exits 1 if there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// The schema is written in JSON Schema 2020-12.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  if (!validate(log)) {
    failed = true;
    for (const error of validate.errors) {
      console.error(`${file}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
    }
  } else {
    console.log(`${file}: valid SARIF 2.1.0`);
  }
}
process.exit(failed ? 1 : 0);
