// Regenerates the face reference fixtures (Tests/Fixtures/Faces/*.json) by running @vladmandic/face-api 1.7.15
// (dist/face-api.node-wasm.js: @tensorflow/tfjs with the wasm backend) on the package's demo photos.
// Run scripts/setup.sh first, then: node Tests/Fixtures/Faces/generate-reference.js
// With --timing-only it writes no fixtures and prints the per-photo median timings as JSON (for side-by-side runs).
// Photos are decoded with djpeg (libjpeg-turbo, the same decoder as our P/Invoke path) so that the fixtures compare
// the models, not two JPEG decoders. Detection: TinyFaceDetector, inputSize 416, scoreThreshold 0.5. Descriptors: the
// face recognition net on each detected box's crop (no landmark alignment), which face-api pads to a centred square
// and resizes to 150x150. Aligned: the tiny 68-point landmark net on the detected box, then face-api's dlib-style
// aligned box (from the eye and mouth centres) and the descriptor of that crop (withFaceLandmarks(true).withFaceDescriptors()).
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cache = process.env.STREAMORLEANS_CACHE || path.join(repoRoot, '.cache');
const faceApiDir = path.join(cache, 'npm', '@vladmandic+face-api-1.7.15', 'package');
const referenceModules = path.join(cache, 'node-reference', 'node_modules');
if (!fs.existsSync(path.join(faceApiDir, 'package.json')) || !fs.existsSync(path.join(referenceModules, '@tensorflow', 'tfjs-backend-wasm'))) {
  console.error(`face-api or the TF.js reference packages are missing under ${cache}: run scripts/setup.sh`);
  process.exit(1);
}

// face-api's dist bundle requires @tensorflow/* by name: let Node resolve them from the reference install.
process.env.NODE_PATH = referenceModules;
Module._initPaths();

const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require(path.join(faceApiDir, 'dist', 'face-api.node-wasm.js'));

const InputSize = 416;
const ScoreThreshold = 0.5;
const TimingOnly = process.argv.includes('--timing-only');
const TimedRuns = TimingOnly ? 5 : 3;
const Photos = ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg'];

function decodeJpeg(file) {
  const ppm = execFileSync('djpeg', ['-ppm', file], { maxBuffer: 256 * 1024 * 1024 });
  // P6 header: magic, width, height, maxval separated by whitespace, then one whitespace byte and the pixels.
  let pos = 0;
  const fields = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[pos]))) pos++;
    let start = pos;
    while (!/\s/.test(String.fromCharCode(ppm[pos]))) pos++;
    fields.push(ppm.toString('ascii', start, pos));
  }
  pos++;
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`unexpected djpeg output for ${file}: ${fields}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, rgb: ppm.subarray(pos, pos + width * height * 3) };
}

// Float32 precision is all the models have: 7 significant digits, and numeric arrays kept on one line.
function toFixtureJson(value) {
  const text = JSON.stringify(value, (key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(7)) : v), 1);
  return text.replace(/\[\s*([-+\d.eE,\s]+?)\s*\]/g, (match, inner) => `[${inner.replace(/\s+/g, '')}]`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function describe(image, detections) {
  const crops = await faceapi.extractFaceTensors(image, detections);
  const descriptors = [];
  for (const crop of crops) {
    descriptors.push(Array.from(await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(crop)));
  }
  tf.dispose(crops);
  return descriptors;
}

async function main() {
  wasm.setWasmPaths(path.join(referenceModules, '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  const modelDir = path.join(faceApiDir, 'model');
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(modelDir);
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: InputSize, scoreThreshold: ScoreThreshold });

  const summary = [];
  for (const photo of Photos) {
    const { width, height, rgb } = decodeJpeg(path.join(faceApiDir, 'demo', photo));
    const image = tf.tensor3d(new Int32Array(rgb), [height, width, 3], 'int32');

    // One untimed pass (also the result), then the median of a few timed passes per stage.
    const detections = await faceapi.detectAllFaces(image, options);
    const descriptors = await describe(image, detections);
    const aligned = await faceapi.detectAllFaces(image, options).withFaceLandmarks(true).withFaceDescriptors();
    const detectMs = [];
    const describeMs = [];
    const alignedMs = [];
    for (let run = 0; run < TimedRuns; run++) {
      let t0 = performance.now();
      const again = await faceapi.detectAllFaces(image, options);
      detectMs.push(performance.now() - t0);
      t0 = performance.now();
      await describe(image, again);
      describeMs.push(performance.now() - t0);
      t0 = performance.now();
      await faceapi.detectAllFaces(image, options).withFaceLandmarks(true).withFaceDescriptors();
      alignedMs.push(performance.now() - t0);
    }
    tf.dispose(image);

    const fixture = {
      generator: 'Tests/Fixtures/Faces/generate-reference.js',
      faceApi: faceapi.version,
      tfjs: tf.version_core,
      backend: tf.getBackend(),
      photo,
      width,
      height,
      inputSize: InputSize,
      scoreThreshold: ScoreThreshold,
      faces: detections.map((d, i) => ({
        box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height },
        score: d.score,
        descriptor: descriptors[i],
      })),
      alignedFaces: aligned.map((a) => ({
        box: { x: a.detection.box.x, y: a.detection.box.y, width: a.detection.box.width, height: a.detection.box.height },
        landmarks: a.landmarks.positions.map((p) => [p.x, p.y]),
        // The box withFaceDescriptors crops for the descriptor (not alignedRect, which is the padded landmark hull).
        alignedBox: (({ x, y, width, height }) => ({ x, y, width, height }))(a.landmarks.align(null, { useDlibAlignment: true })),
        descriptor: Array.from(a.descriptor),
      })),
      timingMs: {
        detect: median(detectMs),
        descriptors: median(describeMs),
        detectLandmarksDescriptors: median(alignedMs),
        faces: detections.length,
      },
    };
    if (TimingOnly) {
      summary.push(JSON.stringify({ photo, faces: detections.length, ...fixture.timingMs }));
      continue;
    }
    const out = path.join(__dirname, photo.replace('.jpg', '.json'));
    fs.writeFileSync(out, toFixtureJson(fixture) + '\n');
    summary.push(`${photo}: ${detections.length} faces, detect ${fixture.timingMs.detect.toFixed(1)} ms, descriptors ${fixture.timingMs.descriptors.toFixed(1)} ms, aligned pipeline ${fixture.timingMs.detectLandmarksDescriptors.toFixed(1)} ms`);
  }
  console.log(summary.join('\n'));
}

main().catch((err) => { console.error(err); process.exit(1); });
