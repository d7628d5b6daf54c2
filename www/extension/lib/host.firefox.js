// Firefox's host (the build installs it as lib/host.js): Firefox runs background.js as a module
// background page, which can start the checker's worker, so the engine runs right here.
// Chrome's host (host.js) uses an offscreen document instead.
export { handle as engine } from './engine.js';
