module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectStatus asserts the HTTP status and the Status body of a failed call.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectStatus', 'eventually'] },
    ],
  },
});
