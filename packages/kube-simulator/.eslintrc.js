module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectStatus asserts the HTTP status and the Status body of a failed call; expectAdmitted and
    // expectRefused assert what admission did with a create.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expectStatus',
          'eventually',
          'expectAdmitted',
          'expectRefused',
        ],
      },
    ],
  },
});
