import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { regionNameOf } from '@/api/regions'

/**
 * The village a per-village page works on, kept in the `?village=` query so that links and reloads keep it.
 * Also looks up the village's name (from its township's children) for the page heading.
 */
export function useVillageQuery() {
  const route = useRoute()
  const router = useRouter()
  const village = computed(() => {
    const code = route.query.village
    return typeof code === 'string' && /^\d{12}$/.test(code) ? code : undefined
  })
  const villageName = ref('')

  function setVillage(code: string | undefined): void {
    void router.replace({ query: { ...route.query, village: code } })
  }

  watch(
    village,
    async (code) => {
      villageName.value = ''
      if (!code) {
        return
      }
      try {
        const name = await regionNameOf(code)
        if (village.value === code) {
          villageName.value = name ?? ''
        }
      } catch {
        // The heading falls back to the code; the page itself reports failures of its own calls.
      }
    },
    { immediate: true },
  )

  return { village, villageName, setVillage }
}
