// isPhone: true while the viewport is narrower than 768 px; pages switch tables to cards on it.
import { ref, onMounted, onBeforeUnmount } from 'vue';

const QUERY = '(max-width: 767px)';

export function useIsPhone() {
  const media = typeof window !== 'undefined' ? window.matchMedia(QUERY) : null;
  const isPhone = ref(media ? media.matches : false);
  const update = (event) => {
    isPhone.value = event.matches;
  };
  onMounted(() => media?.addEventListener('change', update));
  onBeforeUnmount(() => media?.removeEventListener('change', update));
  return isPhone;
}
