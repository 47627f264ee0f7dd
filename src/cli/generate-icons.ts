/**
 * Generates the Teams app icons in manifest/:
 *   - color.png   192x192, full colour (blue tile, white "A" with an orange arrow as crossbar)
 *   - outline.png  32x32, the same "A"+arrow in pure white on a transparent background
 *
 * No image library is needed: shapes are rasterised with supersampling into an RGBA
 * buffer and encoded as PNG with node:zlib + a hand-written CRC32.
 *
 * Usage: npx tsx src/cli/generate-icons.ts [outDir]   (default: manifest/)
 */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

// ---------------------------------------------------------------------------
// PNG encoding
// ---------------------------------------------------------------------------

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an 8-bit RGBA buffer (width*height*4 bytes, row-major) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new Error(`RGBA buffer has ${rgba.length} bytes, expected ${width * height * 4}`);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Each scanline is prefixed with filter type 0 (None).
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------
// Tiny vector rasteriser (unit coordinates: 0..1 over the icon, y pointing down)
// ---------------------------------------------------------------------------

type Point = readonly [number, number];
type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

function distToSegment(px: number, py: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lenSq = dx * dx + dy * dy;
  const t = lenSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / lenSq));
  const cx = a[0] + t * dx;
  const cy = a[1] + t * dy;
  return Math.hypot(px - cx, py - cy);
}

/** Thick line with round caps. */
const stroke =
  (a: Point, b: Point, width: number): Shape =>
  (x, y) =>
    distToSegment(x, y, a, b) <= width / 2;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r;

/** Even-odd point-in-polygon. */
const polygon =
  (points: readonly Point[]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const difference =
  (base: Shape, cut: Shape): Shape =>
  (x, y) =>
    base(x, y) && !cut(x, y);

class Canvas {
  readonly rgba: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly samples = 4,
  ) {
    this.rgba = new Uint8Array(width * height * 4);
  }

  fillAll(color: Rgb): void {
    for (let i = 0; i < this.width * this.height; i++) {
      this.rgba.set([color[0], color[1], color[2], 255], i * 4);
    }
  }

  /** Paints `shape` with `color` using source-over compositing and supersampled coverage. */
  fill(shape: Shape, color: Rgb): void {
    const n = this.samples;
    for (let py = 0; py < this.height; py++) {
      for (let px = 0; px < this.width; px++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            const x = (px + (sx + 0.5) / n) / this.width;
            const y = (py + (sy + 0.5) / n) / this.height;
            if (shape(x, y)) hits++;
          }
        }
        if (hits === 0) continue;
        const a = hits / (n * n);
        const i = (py * this.width + px) * 4;
        const dstA = this.rgba[i + 3]! / 255;
        const outA = a + dstA * (1 - a);
        for (let c = 0; c < 3; c++) {
          const src = color[c]!;
          const dst = this.rgba[i + c]!;
          this.rgba[i + c] = Math.round((src * a + dst * dstA * (1 - a)) / outA);
        }
        this.rgba[i + 3] = Math.round(outA * 255);
      }
    }
  }

  toPng(): Buffer {
    return encodePng(this.width, this.height, this.rgba);
  }
}

// ---------------------------------------------------------------------------
// Design
// ---------------------------------------------------------------------------

export const BRAND_BLUE: Rgb = [0x1e, 0x56, 0xa0]; // #1E56A0, also the manifest accentColor
const BRAND_BLUE_LIGHT: Rgb = [0x2f, 0x6f, 0xc6];
const BRAND_ORANGE: Rgb = [0xf2, 0x8c, 0x28];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/**
 * The mark: a stylised "A" whose crossbar is an arrow pointing forward ("aanjagen").
 * `scale` < 1 shrinks it around the centre; `weight` is the stroke width in unit space and
 * `gap` the clearance between letter and arrow.
 */
function aanjagerMark(scale: number, weight: number, gap = 0.05): { letter: Shape; arrow: Shape } {
  const s = (p: Point): Point => [0.5 + (p[0] - 0.5) * scale, 0.5 + (p[1] - 0.5) * scale];
  const apex = s([0.5, 0.16]);
  const leftFoot = s([0.2, 0.84]);
  const rightFoot = s([0.8, 0.84]);
  const w = weight * scale;
  const legs = union(stroke(leftFoot, apex, w), stroke(apex, rightFoot, w));
  // Crossbar = arrow shaft + head, running left to right slightly past the right leg.
  const barY = 0.5 + (0.6 - 0.5) * scale;
  const shaft = stroke(s([0.3, 0.6]), [0.5 + (0.78 - 0.5) * scale, barY], w * 0.8);
  const head = polygon([
    s([0.74, 0.47]),
    s([0.95, 0.6]),
    s([0.74, 0.73]),
  ]);
  const arrow = union(shaft, head);
  // Leave a small gap in the letter around the arrow so the two read as separate shapes.
  const arrowHalo = union(
    stroke(s([0.3, 0.6]), [0.5 + (0.78 - 0.5) * scale, barY], w * 0.8 + gap * scale),
    polygon([s([0.7, 0.42]), s([1.0, 0.6]), s([0.7, 0.78])]),
  );
  return { letter: difference(legs, arrowHalo), arrow };
}

export function renderColorIcon(size = 192): Buffer {
  const canvas = new Canvas(size, size);
  canvas.fillAll(BRAND_BLUE);
  canvas.fill(disc(0.5, 0.5, 0.42), BRAND_BLUE_LIGHT);
  const { letter, arrow } = aanjagerMark(0.62, 0.13);
  canvas.fill(letter, WHITE);
  canvas.fill(arrow, BRAND_ORANGE);
  return canvas.toPng();
}

export function renderOutlineIcon(size = 32): Buffer {
  // Transparent background; every painted pixel is pure white (only alpha varies),
  // which is what Teams requires for the outline icon.
  const canvas = new Canvas(size, size, 8);
  const { letter, arrow } = aanjagerMark(0.94, 0.16, 0.08);
  canvas.fill(union(letter, arrow), WHITE);
  return canvas.toPng();
}

export function generateIcons(outDir: string): { color: string; outline: string } {
  mkdirSync(outDir, { recursive: true });
  const color = path.join(outDir, "color.png");
  const outline = path.join(outDir, "outline.png");
  writeFileSync(color, renderColorIcon());
  writeFileSync(outline, renderOutlineIcon());
  return { color, outline };
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const outDir = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "manifest"));
  const written = generateIcons(outDir);
  console.log(`Iconen geschreven: ${written.color}, ${written.outline}`);
}
