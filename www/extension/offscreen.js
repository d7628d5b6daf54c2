// Chrome's offscreen document (reason WORKERS): the home of the checking engine, so the wasm runs
// in a module worker through the same client as the web page. The service worker sends
// `{ target: 'offscreen', req }` and gets the engine's answer back.

import { handle } from './lib/engine.js';

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target !== 'offscreen' || sender.id !== chrome.runtime.id) return false;
  handle(msg.req).then(sendResponse, (e) => sendResponse({ error: String(e?.message || e) }));
  return true;
});
