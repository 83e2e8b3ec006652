/**
 * The kit's public surface, in one import: the Driver seam and its types, the property catalog,
 * the two drivers (the reference and the embedded EVM), and the runners that check a property or
 * a differential step budget. The reference is `mutual-liquidity-lock/reference`, the economics
 * `mutual-liquidity-lock/economics`, the JSON report's types `mutual-liquidity-lock/reports`.
 * Anything not exported here or there is internal and may change in any version.
 * @public
 * @module
 */
export type {
  CallResult,
  Driver,
  DriverFactory,
  DriverSetup,
  Observation,
  PartialObservation,
  PartyCode,
  ViewName,
  Views,
} from './driver.js';
export { viewClauses, viewNames } from './driver.js';
export type { PropertyDefinition } from './catalog.js';
export { catalog } from './catalog.js';
export { ReferenceDriver } from './drivers/reference.js';
export type { Engine, EvmEngineOptions } from './drivers/evm.js';
export { EvmDriver, InterfaceMismatch, evmDriverFactory, missingInterface } from './drivers/evm.js';
export type { Deployer, DeployFunction, Deployment } from './drivers/deploy.js';
export { DeployAdapterError, loadDeployment, specDeployment } from './drivers/deploy.js';
export type { Budget, Failure, PropertyReport, Verdict } from './runners/check.js';
export { checkProperty } from './runners/check.js';
export type { StepBudget, BudgetReport } from './runners/budget.js';
export { runDifferentialBudget } from './runners/budget.js';
export type { Artifact } from '../contracts/compile.js';
export { bundledArtifact, compileContractFile } from '../contracts/compile.js';
export { loadArtifact } from '../contracts/artifact.js';
