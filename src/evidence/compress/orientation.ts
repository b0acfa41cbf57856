// EXIF orientation (1–8) as canvas geometry: the upright size of a stored image and the transform
// that draws the stored pixels upright. Pure numbers; the pipeline applies them in one draw.

/** Orientations 5–8 turn the picture a quarter: width and height swap. */
export function swapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** The upright size of a stored w×h image. */
export function uprightSize(orientation: number, w: number, h: number): { width: number; height: number } {
  return swapsSides(orientation) ? { width: h, height: w } : { width: w, height: h };
}

/**
 * The canvas transform [a, b, c, d, e, f] under which drawing the stored image at (0, 0) with
 * size w×h (stored orientation, already scaled) paints it upright on a canvas of uprightSize().
 */
export function uprightTransform(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, w, 0]; // mirrored left–right
    case 3: return [-1, 0, 0, -1, w, h]; // turned 180°
    case 4: return [1, 0, 0, -1, 0, h]; // mirrored top–bottom
    case 5: return [0, 1, 1, 0, 0, 0]; // mirrored along the main diagonal
    case 6: return [0, 1, -1, 0, h, 0]; // turned 90° clockwise to view
    case 7: return [0, -1, -1, 0, h, w]; // mirrored along the other diagonal
    case 8: return [0, -1, 1, 0, 0, w]; // turned 90° counter-clockwise to view
    default: return [1, 0, 0, 1, 0, 0];
  }
}
