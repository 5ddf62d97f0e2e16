// A server-filtered, paged list whose filters live in the URL query, so that other pages can link to a filtered
// list and the back button works. The search box is typed ahead of the URL and applied 400 ms after the last
// key (or at once on Enter or clear); every change of the query loads the page again.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ORG_MISSING, useLoad } from './useLoad.js';

// name: the route's name; fromQuery/toQuery: the page's filters from and to the URL query (with q, page and
// page_size); fetch(filters): the promise of one page {items, total}; loaded(page): anything more to do with it.
export function useListPage({ name, fromQuery, toQuery, fetch, loaded = () => {} }) {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => fromQuery(route.query));
  const draftQ = ref(filters.value.q);
  const items = ref([]);
  const total = ref(0);

  const { busy, error, load } = useLoad(() => fetch(filters.value), {
    done(page) {
      items.value = page?.items || [];
      total.value = page?.total || 0;
      loaded(page);
    },
    failed(e) {
      items.value = [];
      total.value = 0;
      return e.notFound ? ORG_MISSING : e.message;
    },
  });

  function go(changes) {
    router.replace({ name, query: toQuery({ ...filters.value, ...changes }) });
  }
  function setFilter(key, value) {
    go({ [key]: value || '', page: 1 });
  }
  let qTimer = 0;
  function applyNow() {
    clearTimeout(qTimer);
    if (draftQ.value.trim() !== filters.value.q) go({ q: draftQ.value.trim(), page: 1 });
  }
  function reset() {
    draftQ.value = '';
    router.replace({ name });
  }

  watch(draftQ, () => {
    clearTimeout(qTimer);
    qTimer = setTimeout(applyNow, 400);
  });
  watch(
    () => route.fullPath,
    () => {
      if (route.name !== name) return;
      if (filters.value.q !== draftQ.value.trim()) draftQ.value = filters.value.q;
      load();
    },
    { immediate: true },
  );

  return { filters, draftQ, items, total, busy, error, load, go, setFilter, applyNow, reset };
}
