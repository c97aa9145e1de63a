/** Colours for NutUI props that take a colour (the rest comes from the CSS variables in app.scss). */
export const BRAND = '#c8161d'
export const OK = '#15803d'
export const MUTED = '#666666'
export const MUTED_BORDER = '#bfbfbf'
