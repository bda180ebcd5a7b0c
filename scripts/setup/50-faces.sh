#!/usr/bin/env bash
# Faces (issues 5, 15): libturbojpeg for JPEG decode/encode, a font for the labels, the @vladmandic/face-api package
# (pretrained weights in model/, demo photos in demo/; the service converts the weights to ONNX into onnx/ beside the
# package on first use, see docs/faces-models.md), and a Node install of the TF.js packages its node-wasm build needs, used only to
# regenerate the reference fixtures (Tests/Fixtures/Faces/generate-reference.js).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# libjpeg-turbo-progs gives djpeg: the reference script decodes the demo photos with the same libjpeg-turbo as our
# P/Invoke path, so the fixtures compare models, not JPEG decoders.
echo "    faces: libturbojpeg (Debian libturbojpeg0 -> libturbojpeg.so.0), djpeg (libjpeg-turbo-progs), DejaVu fonts for the labels"
# SkiaSharp's NoDependencies native build has no fontconfig: the labels load DejaVu Sans from its file (fonts-dejavu-core).
apt_install libturbojpeg0 libjpeg-turbo-progs fonts-dejavu-core

echo "    faces: face-api package (weights + demo photos)"
npm_unpack @vladmandic/face-api 1.7.15

# face-api 1.7.15 declares @tensorflow/tfjs* ^4.22.0 as devDependencies; its dist/face-api.node-wasm.js requires
# @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm at run time.
ref="${STREAMORLEANS_CACHE}/node-reference"
tfjs_version="4.22.0"
if [ -f "$ref/node_modules/@tensorflow/tfjs/package.json" ] && [ -f "$ref/node_modules/@tensorflow/tfjs-backend-wasm/package.json" ]; then
  echo "    npm: reference packages already installed in $ref"
else
  echo "    npm: installing @tensorflow/tfjs@$tfjs_version and @tensorflow/tfjs-backend-wasm@$tfjs_version into $ref"
  mkdir -p "$ref"
  [ -f "$ref/package.json" ] || echo '{ "name": "streamorleans-face-reference", "private": true }' > "$ref/package.json"
  (cd "$ref" && npm install --silent --no-audit --no-fund --ignore-scripts \
    "@tensorflow/tfjs@$tfjs_version" "@tensorflow/tfjs-backend-wasm@$tfjs_version")
fi
