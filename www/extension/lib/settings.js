// The extension's settings (chrome.storage.local "settings"): the global pause switch for
// automatic badges (`autoScan`), paused sites (`sites[host] = false`), which verdicts get a
// badge. Which sites may have badges at all is the browser's permission (lib/access.js). Content scripts read these; trust material lives in
// www/shared/trust.js under its own key and stays with the extension's pages.

/** Defaults for "settings". content/main.js starts from the same values. */
export const DEFAULT_SETTINGS = {
  autoScan: true,
  sites: {},
  showNoLabel: false,
  debug: false,
};

/** Reads the settings, filling in defaults. */
export async function getSettings() {
  const { settings } = await chrome.storage.local.get('settings');
  return { ...DEFAULT_SETTINGS, ...(settings || {}) };
}

/** Merges `patch` into the settings. */
export async function setSettings(patch) {
  const s = await getSettings();
  await chrome.storage.local.set({ settings: { ...s, ...patch } });
}
