/**
 * Webpack loader, H5 build only: drops Taro's own button style (WeUI's `.taro-button-core`, `.taro-btn-*`)
 * from the stylesheet of Taro's React HTML components. Every button of the H5 build is NutUI's, and NutUI
 * draws Taro's Button underneath, so both styles met on one element: Taro's two-class rules won (a
 * disabled primary button turned #f8f8f8 behind its white text, a second button of a row moved 15 px
 * down). The weapp build has no such stylesheet (WeChat draws its own button under NutUI's classes).
 */
const postcss = require('postcss')

const TARO_BUTTON = /\.taro-(button-core|btn-)/

module.exports = function stripTaroButtonStyle(source) {
  const root = postcss.parse(source)
  let dropped = 0
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) => !TARO_BUTTON.test(selector))
    if (kept.length === rule.selectors.length) return
    dropped += rule.selectors.length - kept.length
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  })
  if (dropped === 0) throw new Error("stripTaroButtonStyle: no Taro button rule found; Taro's stylesheet changed")
  return root.toString()
}
