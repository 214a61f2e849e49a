// Bundles the extension and its run-time dependencies (vscode-languageclient) into one file,
// dist/extension.js, so that the .vsix needs no node_modules. `vscode` is provided by the editor.
// The preview's webview gets its own browser bundle, dist/webview.js and dist/webview.css, made
// from the renderer journey's other previews share (crates/journey-preview/web/).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: !process.argv.includes('--no-minify'),
  sourcemap: false,
  logLevel: 'warning',
});

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { webview: 'src/webview/main.js', 'webview-style': 'src/webview/webview.css' },
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: !process.argv.includes('--no-minify'),
  sourcemap: false,
  logLevel: 'warning',
});
