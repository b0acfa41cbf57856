// The canvas kit of the page, for the fallback when no worker can do the job (no Worker, no
// OffscreenCanvas with a 2D context, or the worker failed to start): <canvas> and toBlob, and
// createImageBitmap or, lacking it, an <img>. Runs on the main thread: slower to respond, same output.
import { bitmapDecoded, canvasSurface, type CanvasKit, type Decoded } from './pipeline.ts';

async function decodeWithImg(blob: Blob): Promise<Decoded> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  try {
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('image did not load'));
      img.src = url;
    });
    return { drawable: img, width: img.naturalWidth, height: img.naturalHeight, close: () => { img.src = ''; URL.revokeObjectURL(url); } };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

export const pageKit: CanvasKit = {
  async decode(blob) {
    if (typeof createImageBitmap === 'function') {
      try {
        return bitmapDecoded(await createImageBitmap(blob));
      } catch {
        // Some older engines decode a Blob only through an <img>.
      }
    }
    return decodeWithImg(blob);
  },
  surface(width, height) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvasSurface(canvas, (type, quality) =>
      new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('toBlob gave nothing'))), type, quality)));
  },
};
