export * from './models'
export * from './errors'
export * from './api'
