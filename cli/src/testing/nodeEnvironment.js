// Jest environment for the CLI's tests: plain Node (real http, fs, child processes, the OTel SDK's Node
// build), plus the one DOM global the shared root setup file (.config/jest-setup.js) touches.
const { TestEnvironment } = require('jest-environment-node');

class CliNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.HTMLCanvasElement = class HTMLCanvasElement {};
  }
}

module.exports = CliNodeEnvironment;
