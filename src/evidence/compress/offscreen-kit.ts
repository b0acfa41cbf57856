// The canvas kit of the worker: createImageBitmap to decode, OffscreenCanvas to draw and encode.
// Also usable on a page that has both. Compiles with the DOM and the WebWorker libs alike.
import { bitmapDecoded, canvasSurface, type CanvasKit } from './pipeline.ts';

/** Whether this global can run the pipeline off the page (Chrome 69+; Firefox 105+; Safari 16.4+). */
export function offscreenSupported(): boolean {
  try {
    if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') return false;
    const c = new OffscreenCanvas(1, 1);
    // Firefox before 105 had OffscreenCanvas for WebGL only: no 2D context.
    return typeof c.convertToBlob === 'function' && c.getContext('2d') !== null;
  } catch {
    return false;
  }
}

export const offscreenKit: CanvasKit = {
  // No imageOrientation option: Chrome 80 knows only 'none' | 'flipY' and throws a TypeError on
  // 'from-image'; the orientation tag has been neutralised and is applied by the pipeline.
  decode: async (blob) => bitmapDecoded(await createImageBitmap(blob)),
  surface(width, height) {
    const canvas = new OffscreenCanvas(width, height);
    return canvasSurface(canvas, (type, quality) => canvas.convertToBlob({ type, quality }));
  },
};
