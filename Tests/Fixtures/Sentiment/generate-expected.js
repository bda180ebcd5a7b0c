#!/usr/bin/env node
// Regenerates vader-expected.json: runs the reference VADER implementation (npm vader-sentiment@1.1.3, unpacked by
// scripts/setup/40-vader.sh) over every non-empty line of sentences.txt and records its scores.
// Usage: node Tests/Fixtures/Sentiment/generate-expected.js   (after scripts/setup.sh)
'use strict';
const fs = require('fs');
const path = require('path');

const here = __dirname;
const repoRoot = path.resolve(here, '..', '..', '..');
const cache = process.env.STREAMORLEANS_CACHE || path.join(repoRoot, '.cache');
const packageDir = path.join(cache, 'npm', 'vader-sentiment-1.1.3', 'package');
if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
  console.error(`vader-sentiment@1.1.3 not found in ${packageDir}: run scripts/setup.sh first.`);
  process.exit(1);
}

// The package's "main" (build/vaderSentiment.bundle.js) is what require('vader-sentiment') gives an application.
const vader = require(packageDir);
const analyzer = vader.SentimentIntensityAnalyzer;

const lines = fs.readFileSync(path.join(here, 'sentences.txt'), 'utf8').split('\n');
const cases = lines
  .map(line => line.replace(/\r$/, ''))
  .filter(line => line.trim().length > 0)
  .map(text => {
    const s = analyzer.polarity_scores(text);
    return {text, neg: s.neg, neu: s.neu, pos: s.pos, compound: s.compound};
  });

const out = {
  reference: 'npm vader-sentiment@1.1.3 (build/vaderSentiment.bundle.js), SentimentIntensityAnalyzer.polarity_scores',
  generator: 'Tests/Fixtures/Sentiment/generate-expected.js',
  count: cases.length,
  cases,
};
// One case per line keeps diffs readable when sentences are added.
const header = JSON.stringify({...out, cases: undefined}, null, 2).replace(/\n}$/, '');
const body = cases.map(c => '    ' + JSON.stringify(c)).join(',\n');
fs.writeFileSync(path.join(here, 'vader-expected.json'), `${header},\n  "cases": [\n${body}\n  ]\n}\n`);
console.log(`wrote ${cases.length} cases to vader-expected.json`);
