// Storage adapters for the shared settings modules: the same `{ get, set }` over the page's
// localStorage and over the extension's chrome.storage. Values are plain JSON.

/** localStorage (the web page). A full or disabled storage keeps the value for this visit only. */
export function localStorageAdapter(storage = globalThis.localStorage) {
  const memory = new Map();
  return {
    async get(key) {
      try {
        const v = storage.getItem(key);
        return v === null ? memory.get(key) : JSON.parse(v);
      } catch {
        return memory.get(key);
      }
    },
    async set(key, value) {
      memory.set(key, value);
      try {
        storage.setItem(key, JSON.stringify(value));
      } catch {
        /* storage full or disabled: the memory copy lasts for this visit */
      }
    },
  };
}

/** chrome.storage (the extension), `local` by default. */
export function chromeStorageAdapter(area = chrome.storage.local) {
  return {
    async get(key) {
      return (await area.get(key))[key];
    },
    async set(key, value) {
      await area.set({ [key]: value });
    },
  };
}
