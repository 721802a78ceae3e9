// Traces every PNG and JPEG of a directory with imagetracerjs (default options) in one process.
// Usage: node bench/trace_imagetracer.js IN_DIR OUT_DIR
// Writes OUT_DIR/NAME.svg per input; a file that fails is reported on stderr and skipped.
'use strict';
const fs = require('fs');
const path = require('path');
const ImageTracer = require('imagetracerjs');
const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error('usage: node trace_imagetracer.js IN_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

// RGBA pixels of a PNG or JPEG file, as the ImageData-like object imagetracerjs takes.
function decode(file) {
  const bytes = fs.readFileSync(file);
  if (/\.png$/i.test(file)) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width: img.width, height: img.height, data: img.data };
}

let traced = 0;
let failed = 0;
for (const name of fs.readdirSync(inDir).sort()) {
  if (!/\.(png|jpe?g)$/i.test(name)) continue;
  try {
    const svg = ImageTracer.imagedataToSVG(decode(path.join(inDir, name)), {});
    fs.writeFileSync(path.join(outDir, name.replace(/\.[^.]+$/, '.svg')), svg);
    traced++;
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    failed++;
  }
}
console.log(`traced ${traced}, failed ${failed}`);
