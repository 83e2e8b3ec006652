// Hardhat compiles with the npm solc package (solc-js) instead of downloading a compiler: the
// subtask that finds a compiler build is overridden for the version the config names.
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');
const solc = require('solc');

const version = require('solc/package.json').version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, hre, runSuper) => {
  if (args.solcVersion !== version) return runSuper();
  return { compilerPath: require.resolve('solc/soljson.js'), isSolcJs: true, version, longVersion: solc.version() };
});

/** @type import('hardhat/config').HardhatUserConfig */
module.exports = {
  solidity: { version, settings: { evmVersion: 'cancun', viaIR: true, optimizer: { enabled: true, runs: 200 } } },
};
