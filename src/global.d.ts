/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test'
    TARO_ENV?: 'weapp' | 'h5'
    TARO_APP_ID?: string
    /** The WeChat Cloud environment id (weapp build). */
    TARO_APP_CLOUD_ENV?: string
    /** Base URL of the local server (H5 build); empty means the page's own origin. */
    TARO_APP_API_BASE?: string
    /**
     * Subscribe-message template ids (weapp): the reminder before a summon, the waitlist promotion and the
     * notice of a withdrawal.
     */
    TARO_APP_TMPL_REMINDER?: string
    TARO_APP_TMPL_PROMOTED?: string
    /** The 新召集令 template of followed grids (关注网格动态). */
    TARO_APP_TMPL_GRID_SUMMON?: string
    /** The 活动已取消 template of withdrawn summons. */
    TARO_APP_TMPL_WITHDRAWN?: string
  }
}
