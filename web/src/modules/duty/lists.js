// 责任清单 helpers shared by the list pages: who holds a list, 签收 (POST /duty/lists/{id}/acknowledge) and
// 撤回 (POST /duty/lists/{id}/withdraw).
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../../api.js';
import { session } from '../../session.js';
import { refreshTodo } from './todo.js';

export function isHolder(list) {
  return !!list && list.holder_org_code === session.user?.org_code;
}
export function isIssuer(list) {
  return !!list && list.issuer_org_code === session.user?.org_code;
}

// Asks, then signs for the list; resolves with the updated list, or null if the user stepped back or it failed.
export async function acknowledge(list) {
  try {
    await ElMessageBox.confirm(
      `签收后即表示${list.holder_org_name || '本单位'}已知悉并承担“${list.title}”中的各项责任，签收时间将告知下达单位。确定签收吗？`,
      '签收责任清单',
      { confirmButtonText: '确定签收', cancelButtonText: '取消', type: 'info' },
    );
  } catch {
    return null;
  }
  try {
    const updated = await api.post(`/duty/lists/${list.id}/acknowledge`, {});
    ElMessage.success('已签收');
    refreshTodo().catch(() => {});
    return updated;
  } catch (e) {
    ElMessage.error(e.message);
    return null;
  }
}

// Asks for the reason, warning that the open items go with the list; resolves with the updated list, or null.
export async function withdraw(list) {
  let reason;
  try {
    ({ value: reason } = await ElMessageBox.prompt(
      `撤回后，“${list.title}”中尚未销号的事项将一并撤销，${list.holder_org_name || '承担单位'}不再办理。请填写撤回理由：`,
      '撤回责任清单',
      {
        confirmButtonText: '确定撤回',
        cancelButtonText: '取消',
        type: 'warning',
        inputType: 'textarea',
        inputPlaceholder: '如：年度目标调整，重新签订',
        inputValidator: (v) => (v && v.trim() ? true : '请填写撤回理由'),
      },
    ));
  } catch {
    return null;
  }
  try {
    const updated = await api.post(`/duty/lists/${list.id}/withdraw`, { reason: reason.trim() });
    ElMessage.success('已撤回');
    refreshTodo().catch(() => {});
    return updated;
  } catch (e) {
    ElMessage.error(e.message);
    return null;
  }
}
