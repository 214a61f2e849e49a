// Runs first, while the page's bundle is still loading: starts fetching and compiling the
// compiler (WebAssembly), so that both are ready at about the same time. main.js awaits it.
window.journeyWasm = WebAssembly.compileStreaming(fetch("journey_wasm_bg.wasm"));
