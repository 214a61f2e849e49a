// Validates JSON files against a JSON Schema (draft 2020-12) with Ajv, formats included.
// Usage: node check-json-schema.mjs SCHEMA FILE...
// The schema itself is compiled in Ajv's strict mode. Prints every violation and exits 1 if any.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaFile, ...files] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of files) {
  const data = JSON.parse(readFileSync(file, "utf8"));
  if (!validate(data)) {
    failed = true;
    for (const error of validate.errors.slice(0, 20)) {
      console.error(`${file}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
    }
  } else {
    console.log(`${file}: valid`);
  }
}
process.exit(failed ? 1 : 0);
