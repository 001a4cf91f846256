import type { Component } from 'vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title, also the menu label. */
    title?: string
    /** Menu icon; routes without one stay out of the sidebar. */
    icon?: Component
    /** Position in the sidebar. */
    order?: number
    /** Reachable without signing in. */
    public?: boolean
  }
}

export {}
