// Loading a page's data: the busy flag and the error message the page shows. Only the latest call lands: an
// answer that comes back after a newer call started (the user moved on meanwhile) is dropped.
import { ref } from 'vue';

// The error shown when the organization asked for is unknown or outside the user's subtree.
export const ORG_MISSING = '未找到该组织，或不在您的管辖范围内';

// fetch(...args) returns a promise of the answer; done(answer, ...args) takes it in; failed(e) tidies up and
// returns the message to show ('' for none).
export function useLoad(fetch, { done = () => {}, failed = (e) => e.message } = {}) {
  const busy = ref(false);
  const error = ref('');
  let seq = 0;
  async function load(...args) {
    const mine = ++seq;
    busy.value = true;
    error.value = '';
    try {
      const answer = await fetch(...args);
      if (mine === seq) done(answer, ...args);
    } catch (e) {
      if (mine === seq) error.value = failed(e) || '';
    } finally {
      if (mine === seq) busy.value = false;
    }
  }
  return { busy, error, load };
}

// One object's page: `record` holds it; an unknown one sets `missing` (the page shows NotFoundPage) instead
// of an error.
export function useRecord(fetch, { done = () => {} } = {}) {
  const record = ref(null);
  const missing = ref(false);
  const { busy, error, load } = useLoad(
    (...args) => {
      missing.value = false;
      return fetch(...args);
    },
    {
      done(answer, ...args) {
        record.value = answer;
        done(answer, ...args);
      },
      failed(e) {
        record.value = null;
        missing.value = !!e.notFound;
        return e.notFound ? '' : e.message;
      },
    },
  );
  return { record, busy, error, missing, load };
}
