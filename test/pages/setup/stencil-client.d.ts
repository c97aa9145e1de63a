/** The one export of Stencil's client runtime the page harness reads (Taro's components run on it). */
declare module '@stencil/core/internal/client' {
  /** The runtime's record of a component host: `$flags$` holds its HOST_FLAGS (64: hasLoadedComponent). */
  export function getHostRef(host: Element): { $flags$: number } | undefined
}
