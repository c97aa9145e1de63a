/**
 * jsdom for the page suites, plus `reconfigureUrl(url)`: the login suite points the document at a real
 * local server (started on port 0), so that the app's relative `/dev/…` requests are same-origin, as
 * they are when the server serves the H5 build.
 */
const { TestEnvironment } = require('jest-environment-jsdom')

class PagesEnvironment extends TestEnvironment {
  async setup() {
    await super.setup()
    this.global.reconfigureUrl = (url) => this.dom.reconfigure({ url })
  }
}

module.exports = PagesEnvironment
