// Batch checking: many files through the worker checker, a few at a time, with cancel.
// Memory stays bounded: a row keeps its report and a small thumbnail (a data URL of at most
// THUMB_PX pixels a side), never the file's bytes; the File handle itself is dropped once the
// row is checked.
//
//   const batch = new Batch(checker, { concurrency: 3, onRow, onDone });
//   batch.start(files, options);   // rows: {id, name, size, status, report?, thumb?, error?}
//   batch.cancel();
import { CancelledError } from './checker.js';

export const THUMB_PX = 96;
/** Files larger than this get no thumbnail (decoding them only for a thumbnail costs too much). */
const THUMB_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A small JPEG data URL of an image file, or null when the browser cannot decode it, or
 * `checker` (js/checker.js) does not read from its header a size within the pixel budget
 * (`limits.maxPixels`, as for watermark detection): the browser decodes the whole bitmap before
 * it scales it down, so a small file that declares a huge image is never given to it.
 */
export async function thumbnailDataUrl(blob, checker, limits) {
  if (!blob || !checker || blob.size > THUMB_MAX_BYTES || !/^image\/(jpeg|png|webp|gif|avif|bmp)$/.test(blob.type)) return null;
  try {
    if (!(await checker.imageSize(blob, limits))?.decode) return null;
    // Upright as the image is shown (EXIF orientation applied, the default 'from-image'): a
    // picture for people. Watermark detection decodes the stored pixels (js/pixels.js upright).
    const probe = await createImageBitmap(blob);
    const scale = Math.min(1, THUMB_PX / Math.max(probe.width, probe.height));
    const w = Math.max(1, Math.round(probe.width * scale));
    const h = Math.max(1, Math.round(probe.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d').drawImage(probe, 0, 0, w, h);
    probe.close();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  }
}

export class Batch {
  constructor(checker, { concurrency = 3, onRow = () => {}, onDone = () => {} } = {}) {
    this.checker = checker;
    this.concurrency = concurrency;
    this.onRow = onRow;
    this.onDone = onDone;
    this.rows = [];
    this.controller = null;
    this.startedAt = null;
  }

  get running() {
    return Boolean(this.controller && !this.controller.signal.aborted && this.rows.some((r) => r.status === 'queued' || r.status === 'checking'));
  }

  /** Start checking `files` with `options` (the checker options: trust, verifyTime, ...). */
  start(files, options) {
    this.cancel();
    this.controller = new AbortController();
    this.startedAt = new Date();
    this.options = options;
    this.rows = files.map((file, i) => ({
      id: i + 1,
      name: file.webkitRelativePath || file.name || `file ${i + 1}`,
      size: file.size,
      type: file.type,
      file,
      status: 'queued',
    }));
    const { signal } = this.controller;
    const workers = Array.from({ length: Math.min(this.concurrency, this.rows.length) }, () => this.work(signal));
    Promise.all(workers).then(() => {
      if (!signal.aborted) this.onDone(this.rows, { cancelled: false });
    });
    return this.rows;
  }

  async work(signal) {
    for (;;) {
      if (signal.aborted) return;
      const row = this.rows.find((r) => r.status === 'queued');
      if (!row) return;
      row.status = 'checking';
      this.onRow(row);
      const file = row.file;
      try {
        const [report, thumb] = await Promise.all([
          this.checker.check(file, this.options, { signal }),
          thumbnailDataUrl(file, this.checker, this.options?.limits),
        ]);
        if (signal.aborted) return;
        Object.assign(row, { status: 'done', report, thumb });
      } catch (err) {
        if (err instanceof CancelledError || signal.aborted) {
          row.status = 'cancelled';
          this.onRow(row);
          return;
        }
        Object.assign(row, { status: 'failed', error: String(err?.message ?? err) });
      }
      row.file = null;
      this.onRow(row);
    }
  }

  /** Stop: checks under way are abandoned (the worker is stopped), the rest are not started. */
  cancel() {
    if (!this.controller || this.controller.signal.aborted) return;
    this.controller.abort();
    for (const row of this.rows) {
      if (row.status === 'queued' || row.status === 'checking') {
        row.status = 'cancelled';
        row.file = null;
        this.onRow(row);
      }
    }
    this.onDone(this.rows, { cancelled: true });
  }
}
