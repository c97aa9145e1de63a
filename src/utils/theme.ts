import { TONES } from './status-colours'

/** Colours for NutUI props that take a colour (the rest comes from the CSS variables in app.scss). */
export const BRAND = '#c8161d'
/** Status colours come from the one map in status-colours.ts. */
export const OK = TONES.done.colour
export const MUTED = TONES.missing.colour
export const MUTED_BORDER = '#bfbfbf'
