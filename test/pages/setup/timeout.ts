/**
 * Page tests boot the app and wait for real handlers on a shared 2-core machine: 60 s per test.
 * (`testTimeout` in a project entry is ignored when the root config runs the projects.)
 */
jest.setTimeout(60_000)
