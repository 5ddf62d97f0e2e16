// The options of a remote el-select (filterable, remote). search(text) asks the server for what was typed;
// only the latest answer lands, and the current choice stays among the options (last) so that it keeps its name.
import { ref } from 'vue';

// find(q): the promise of the matching options; key: the options' identifying field; current(): the value.
export function useRemoteOptions({ find, key, current }) {
  const options = ref([]);
  const loading = ref(false);
  let seq = 0;

  async function search(text) {
    const q = text.trim();
    if (!q) return;
    const mine = ++seq;
    loading.value = true;
    try {
      const found = await find(q);
      if (mine === seq) options.value = keepSelected(found);
    } catch {
      if (mine === seq) options.value = keepSelected([]);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function keepSelected(list) {
    const selected = options.value.find((o) => o[key] === current());
    // After the answer, not before it: the server's order (the exact match first) is what the user reads.
    if (selected && !list.some((o) => o[key] === selected[key])) return [...list, selected];
    return list;
  }

  return { options, loading, search };
}
