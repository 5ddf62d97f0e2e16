// The server's vocabularies (GET /meta/vocabularies), fetched once per page load and shared.
import { ref } from 'vue';
import { api } from '../api.js';

const vocab = ref({ political_statuses: [], educations: [], posts: [], ethnicities: [], roles: [] });
let pending = null;

export function useVocabularies() {
  if (!pending) {
    pending = api
      .get('/meta/vocabularies')
      .then((answer) => {
        vocab.value = { ...vocab.value, ...answer };
      })
      .catch(() => {
        pending = null; // the selects stay empty; the next page tries again
      });
  }
  return { vocab, ready: pending };
}

// Labels for a code from a [{code, name}] list; unknown codes are shown as they are.
export function nameOf(list, code) {
  return (list || []).find((item) => item.code === code)?.name || code || '';
}
