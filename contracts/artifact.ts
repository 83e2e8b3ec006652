/**
 * A contract compiled elsewhere — by Foundry (`out/Lock.sol/Lock.json`), Hardhat
 * (`artifacts/…/Lock.json`) or any tool writing the same fields — loaded as an Artifact, so a
 * contract developer can hold the build they will deploy to the spec without recompiling it here.
 * Every way the file can be wrong is an ArtifactError naming the file and the field.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Abi, Hex } from 'viem';
import type { Artifact } from './compile.js';

/** What is wrong with an artifact file. */
export class ArtifactError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`artifact ${file}: ${problem}`);
    this.name = 'ArtifactError';
  }
}

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

/** Bytecode as Foundry (`{ object }`) or Hardhat (a string) writes it, with or without 0x. */
function bytecodeField(file: string, json: Record<string, unknown>, field: string): Hex {
  const raw = json[field];
  const text = typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null ? (raw as { object?: unknown }).object : undefined;
  if (typeof text !== 'string') throw new ArtifactError(file, `no ${field} (expected a hex string or { "object": hex })`);
  const hex = text.startsWith('0x') ? text : `0x${text}`;
  if (hex.includes('__$')) throw new ArtifactError(file, `${field} has unlinked library placeholders (__$…$__): link the libraries first`);
  if (!HEX.test(hex)) throw new ArtifactError(file, `${field} is not whole bytes of hex`);
  // an empty object is what an interface or abstract contract compiles to
  if (hex === '0x') throw new ArtifactError(file, `${field} is empty (an interface or abstract contract?)`);
  return hex as Hex;
}

/** Reads and checks an artifact file; the contract name is the file's, as Foundry and Hardhat name them. */
export function loadArtifact(file: string): Artifact {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ArtifactError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ArtifactError(file, `is not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ArtifactError(file, 'is not a JSON object');
  const fields = json as Record<string, unknown>;
  if (!Array.isArray(fields.abi)) throw new ArtifactError(file, 'no abi array');
  const contractName = typeof fields.contractName === 'string' ? fields.contractName : basename(file).replace(/\.json$/, '');
  return {
    contractName,
    abi: fields.abi as Abi,
    bytecode: bytecodeField(file, fields, 'bytecode'),
    deployedBytecode: bytecodeField(file, fields, 'deployedBytecode'),
    compilerVersion: 'external artifact',
    inputHash: createHash('sha256').update(text).digest('hex'),
  };
}
