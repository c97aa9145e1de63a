/** Colours for NutUI props that take a colour (the rest comes from the CSS variables in app.scss). */
export const BRAND = '#c8161d'
export const OK = '#1f9d55'
export const MUTED = '#8c8c8c'
export const MUTED_BORDER = '#bfbfbf'
