// The canvas kit of the worker: createImageBitmap to decode, OffscreenCanvas to draw and encode.
// Also usable on a page that has both. Compiles with the DOM and the WebWorker libs alike.
import type { CanvasKit, Ctx2D, Surface } from './pipeline.ts';

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
  async decode(blob) {
    // No imageOrientation option: Chrome 80 knows only 'none' | 'flipY' and throws a TypeError on
    // 'from-image'; the orientation tag has been neutralised and is applied by the pipeline.
    const bitmap = await createImageBitmap(blob);
    return { drawable: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  },
  surface(width, height): Surface {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d') as unknown as Ctx2D | null;
    if (!ctx) throw new Error('no 2d context');
    return {
      width,
      height,
      ctx,
      drawable: canvas,
      encode: (type, quality) => canvas.convertToBlob({ type, quality }),
      release() {
        canvas.width = 0;
        canvas.height = 0;
      },
    };
  },
};
