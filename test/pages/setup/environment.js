/**
 * jsdom for the page suites, plus:
 * - `reconfigureUrl(url)`: the login suite points the document at a real local server (started on port 0),
 *   so that the app's relative `/dev/…` requests are same-origin, as they are when the server serves the
 *   H5 build;
 * - Node's TextEncoder/TextDecoder, which jsdom lacks and the cloud code running in-process needs
 *   (`qrcode` draws the poster code with them).
 */
const { TestEnvironment } = require('jest-environment-jsdom')

class PagesEnvironment extends TestEnvironment {
  async setup() {
    await super.setup()
    this.global.reconfigureUrl = (url) => {
      this.dom.reconfigure({ url })
      // jsdom's XMLHttpRequest takes the origin from the window, which reconfigure() leaves as it was.
      this.global._origin = new URL(url).origin
    }
    this.global.TextEncoder = TextEncoder
    this.global.TextDecoder = TextDecoder
  }
}

module.exports = PagesEnvironment
