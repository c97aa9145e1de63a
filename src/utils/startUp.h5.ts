import { loadFirstScreen, startSignedOutAtLogin } from './h5FirstScreen'

/**
 * The H5 build's start-up, before the router starts (the entry's own code runs after this module), in
 * three tasks instead of one: the browser gets a turn once every module of the entry is evaluated, again
 * once the first screen's modules are, and only then does the router mount the page. Each task stays
 * short, so a tap or a frame is never held for the whole start-up (Lighthouse's total blocking time on
 * the home: see BENCHMARKS.md).
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

startSignedOutAtLogin()
await nextTask()
await loadFirstScreen(window.location.hash)
await nextTask()

export {}
