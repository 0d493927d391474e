// A plain-node transcription of hash() in github/codeql-action src/fingerprints.ts,
// the reference for driver/cli/LineHash.cpp: `node line_hash_reference.js FILE...`
// prints `== FILE`, then one `line:hash` per line, for each file. BigInt.asIntN(64, ...) stands for the Long
// arithmetic (signed 64-bit, wrapping); BigInt.asUintN(64, ...) for toUnsigned().
"use strict";
const fs = require("fs");

const tab = "\t".charCodeAt(0);
const space = " ".charCodeAt(0);
const lf = "\n".charCodeAt(0);
const cr = "\r".charCodeAt(0);
const EOF = 65535;
const BLOCK_SIZE = 100;
const MOD = 37n;

const long = (v) => BigInt.asIntN(64, v);

function computeFirstMod() {
  let firstMod = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    firstMod = long(firstMod * MOD);
  }
  return firstMod;
}

async function hash(callback, filepath) {
  const window = Array(BLOCK_SIZE).fill(0);
  const lineNumbers = Array(BLOCK_SIZE).fill(-1);
  let hashRaw = 0n;
  const firstMod = computeFirstMod();
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const hashCounts = {};

  const outputHash = function () {
    const hashValue = BigInt.asUintN(64, hashRaw).toString(16);
    if (!hashCounts[hashValue]) {
      hashCounts[hashValue] = 0;
    }
    hashCounts[hashValue]++;
    callback(lineNumbers[index], `${hashValue}:${hashCounts[hashValue]}`);
    lineNumbers[index] = -1;
  };

  const updateHash = function (current) {
    const begin = window[index];
    window[index] = current;
    hashRaw = long(
      long(long(MOD * hashRaw) + BigInt(current)) - long(firstMod * BigInt(begin)),
    );
    index = (index + 1) % BLOCK_SIZE;
  };

  const processCharacter = function (current) {
    if (current === space || current === tab || (prevCR && current === lf)) {
      prevCR = false;
      return;
    }
    if (current === cr) {
      current = lf;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineNumbers[index] !== -1) {
      outputHash();
    }
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === lf) {
      lineStart = true;
    }
    updateHash(current);
  };

  const readStream = fs.createReadStream(filepath, "utf8");
  for await (const data of readStream) {
    for (let i = 0; i < data.length; ++i) {
      processCharacter(data.charCodeAt(i));
    }
  }
  processCharacter(EOF);

  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) {
      outputHash();
    }
    updateHash(0);
  }
}

(async () => {
  for (const filepath of process.argv.slice(2)) {
    console.log(`== ${filepath}`);
    await hash((line, value) => console.log(`${line}:${value}`), filepath);
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
