#!/usr/bin/env node
// Checks a packaged .vsix: what the editor needs is in it, nothing else is, and the bundled
// extension loads with no node_modules beside it (vscode-languageclient is inside the bundle).
//
//   node scripts/check-vsix.mjs journey-0.1.0.vsix
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');

const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/webview.js',
  'extension/dist/webview-style.css',
  'extension/syntaxes/journey.tmLanguage.json',
  'extension/syntaxes/journey.markdown.tmLanguage.json',
  'extension/snippets/journey.json',
  'extension/language-configuration.json',
  '[Content_Types].xml',
  'extension.vsixmanifest',
];
const FORBIDDEN = [/^extension\/node_modules\//, /^extension\/src\//, /^extension\/test\//, /^extension\/out\//, /^extension\/scripts\//, /\.ts$/, /\.map$/];

function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map();
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Loads the bundle in a bare folder with a stand-in `vscode` module. */
function loadBundle(code) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-vsix-'));
  try {
    const file = path.join(dir, 'extension.js');
    fs.writeFileSync(file, code);
    const Module = require('node:module');
    const stub = (name) =>
      new Proxy(function () {}, {
        get(target, prop) {
          if (prop === 'prototype') return target.prototype;
          if (typeof prop === 'symbol') return undefined;
          if (!(prop in target)) target[prop] = stub(`${name}.${prop}`);
          return target[prop];
        },
        construct: () => ({}),
        apply: () => undefined,
      });
    const load = Module._load;
    const missing = [];
    Module._load = function (request, parent, isMain) {
      if (request === 'vscode') return stub('vscode');
      if (request !== file && !Module.isBuiltin(request)) missing.push(request);
      return load.call(this, request, parent, isMain);
    };
    try {
      const extension = require(file);
      return { extension, missing };
    } finally {
      Module._load = load;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const vsix = process.argv[2];
if (!vsix) {
  console.error('usage: check-vsix.mjs FILE.vsix');
  process.exit(2);
}
const problems = [];
const entries = await readZip(vsix);
for (const name of REQUIRED) {
  if (!entries.has(name)) problems.push(`missing ${name}`);
}
if (![...entries.keys()].some((n) => /^extension\/LICENSE(\.txt|\.md)?$/i.test(n))) problems.push('missing the LICENSE');
if (![...entries.keys()].some((n) => /^extension\/readme\.md$/i.test(n))) problems.push('missing the README');
for (const name of entries.keys()) {
  if (FORBIDDEN.some((re) => re.test(name))) problems.push(`should not be packaged: ${name}`);
}
const manifest = JSON.parse(entries.get('extension/package.json')?.toString('utf8') ?? '{}');
if (manifest.main !== './dist/extension.js') problems.push(`main is ${manifest.main}`);
const bundle = entries.get('extension/dist/extension.js');
if (bundle) {
  if (/require\(["']vscode-languageclient/.test(bundle.toString('utf8'))) problems.push('the bundle requires vscode-languageclient from node_modules');
  try {
    const { extension, missing } = loadBundle(bundle);
    if (typeof extension.activate !== 'function' || typeof extension.deactivate !== 'function') problems.push('the bundle exports no activate/deactivate');
    if (missing.length > 0) problems.push(`the bundle needs modules that are not in it: ${missing.join(', ')}`);
  } catch (error) {
    problems.push(`the bundle does not load: ${error.message}`);
  }
}
for (const grammar of ['extension/syntaxes/journey.tmLanguage.json', 'extension/syntaxes/journey.markdown.tmLanguage.json', 'extension/snippets/journey.json', 'extension/language-configuration.json']) {
  try {
    JSON.parse(entries.get(grammar)?.toString('utf8') ?? 'null');
  } catch (error) {
    problems.push(`${grammar} is not JSON: ${error.message}`);
  }
}
const size = fs.statSync(vsix).size;
console.log(`${path.basename(vsix)}: ${entries.size} files, ${size} bytes`);
for (const name of [...entries.keys()].sort()) console.log(`  ${name} (${entries.get(name).length} bytes)`);
if (problems.length > 0) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  process.exit(1);
}
