// An edit page's form plumbing: the client-side check with the first bad field scrolled into view, the server's
// refusal ({code, field, message}) shown under the field it names or else above the form, and a question
// before leaving with unsaved changes.
import { nextTick, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox } from 'element-plus';

// fields: the names the server may complain about; form: the reactive values (an edit clears the server's
// complaint about that field); selector: the el-form's class; fieldOf: the server's field name to the form's.
export function useForm({ fields, form, selector, fieldOf = (field) => field }) {
  const formRef = ref();
  const error = ref(''); // shown above the form
  const serverErrors = reactive(Object.fromEntries(fields.map((f) => [f, ''])));

  function clearErrors() {
    error.value = '';
    for (const f of fields) serverErrors[f] = '';
  }
  async function scrollToError() {
    await nextTick();
    document.querySelector(`${selector} .is-error`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
  // Clears the last complaints and checks every field; false, with the first bad field in view, if one fails.
  async function validate() {
    clearErrors();
    const valid = await formRef.value.validate().catch(() => false);
    if (!valid) await scrollToError();
    return valid;
  }
  // shown(field): whether the form shows that field now; a complaint about a hidden one goes above the form.
  async function showRefusal(e, shown = () => true) {
    const field = fieldOf(e.field);
    if (field && field in serverErrors && shown(field)) {
      serverErrors[field] = e.message;
      await scrollToError();
    } else {
      error.value = e.message;
    }
  }

  if (form) for (const f of fields) watch(() => form[f], () => (serverErrors[f] = ''));
  return { formRef, error, serverErrors, clearErrors, validate, showRefusal };
}

// Asks before the router leaves while dirty (unless quiet(): nothing to lose, such as a missing object) and
// lets the browser warn before closing or reloading the tab while dirty.
export function useLeaveGuard(dirty, quiet = () => false) {
  onBeforeRouteLeave(async () => {
    if (!dirty.value || quiet()) return true;
    try {
      await ElMessageBox.confirm('您有尚未保存的修改，离开后将丢失。确定要离开吗？', '尚未保存', {
        confirmButtonText: '离开',
        cancelButtonText: '继续编辑',
        type: 'warning',
      });
      return true;
    } catch {
      return false;
    }
  });

  function beforeUnload(event) {
    if (!dirty.value) return;
    event.preventDefault();
    event.returnValue = '';
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
}
