// Where the engine (engine.js) runs, on Chrome. Chrome's MV3 background is a service worker,
// which cannot start the module worker the checker client needs, so the engine lives in an
// offscreen document (reason WORKERS, offscreen.js). Firefox's background is a page that can:
// its build installs host.firefox.js here, which runs the engine in the background itself.

const OFFSCREEN_URL = 'offscreen.html';
let creating = null;

async function ensureOffscreen() {
  const url = chrome.runtime.getURL(OFFSCREEN_URL);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length) return;
  creating ??= chrome.offscreen
    .createDocument({ url: OFFSCREEN_URL, reasons: ['WORKERS'], justification: 'Runs the wasm checker in a module worker.' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Send one request to the engine and resolve with its answer. */
export async function engine(req) {
  await ensureOffscreen();
  // The document's listener is registered once its module has run; retry briefly until then.
  for (let attempt = 0; attempt < 40; attempt++) {
    let res;
    try {
      res = await chrome.runtime.sendMessage({ target: 'offscreen', req });
    } catch (e) {
      if (!/Receiving end does not exist/.test(String(e?.message))) throw e;
    }
    if (res?.error) throw new Error(res.error);
    if (res) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the checker page did not answer');
}
