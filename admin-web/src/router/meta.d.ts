import type { Component } from 'vue'
import type { Role } from '@/api/me'

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
    /**
     * Roles that may open the page (any one of them suffices); the menu and the router guard follow it.
     * Without it, every signed-in user may. The server checks every call again: this only keeps the console tidy.
     */
    roles?: Role[]
  }
}

export {}
