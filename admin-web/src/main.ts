import { createPinia } from 'pinia'
import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { installSession } from './session'

const app = createApp(App)
app.use(createPinia())
const router = createAppRouter()
installSession(router)
app.use(router)
app.mount('#app')
