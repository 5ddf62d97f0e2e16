// Org change requests (GET /orgs/changes, POST /orgs/changes/{id}/approve|reject): a rename, move or merge one
// org department account asks for takes effect only when another approves it. Shared by the org page's list, the
// unit's pending notice and 我的待办's hint; every action asks for a confirmation (a rejection for its reason).
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../../api.js';
import { formatDate } from '../../common/format.js';
import { actorText } from '../accounts/actors.js';

// Who asked for the request, by name (the login only when the server gave no name).
export function requesterName(r) {
  return actorText(r.requested_by, r.requested_by_name, r.requested_by_kind).name;
}

// What the request asks for, in one sentence.
export function describeChange(r) {
  const when = `自${formatDate(r.on)}起`;
  if (r.kind === 'rename') {
    const kind = r.new_kind_name ? `，类型改为“${r.new_kind_name}”` : '';
    const namesakes = r.with_namesakes ? '，名称中含有原名的下属党组织和单位一并更名' : '';
    return `${when}，“${r.unit_name}”更名为“${r.name}”${kind}${namesakes}`;
  }
  const target = r.target_name ? `“${r.target_name}”` : r.target_code;
  if (r.kind === 'move') return `${when}，“${r.unit_name}”改隶属于${target}`;
  return `${when}，“${r.unit_name}”撤销并入${target}，其下级组织和人员随之转入`;
}

async function confirmed(message, title, options = {}) {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: title, cancelButtonText: '再想想', type: 'info', ...options });
    return true;
  } catch {
    return false;
  }
}

// Each answers true when the request was decided (the caller reads its list and the tree again).
export async function approveChange(r) {
  if (!(await confirmed(`${describeChange(r)}。变更原因：${r.reason}（${requesterName(r)}申请）。批准后立即生效。`, '批准调整'))) return false;
  try {
    const answer = await api.post(`/orgs/changes/${r.id}/approve`, {});
    ElMessage.success(`已批准：${answer.request.outcome || describeChange(r)}`);
    return true;
  } catch (e) {
    ElMessage.error(e.message);
    return false;
  }
}

export async function rejectChange(r) {
  let note;
  try {
    ({ value: note } = await ElMessageBox.prompt(`驳回${requesterName(r)}的申请：${describeChange(r)}。请填写驳回的理由：`, '驳回调整申请', {
      confirmButtonText: '驳回',
      cancelButtonText: '再想想',
      inputValidator: (v) => (v && v.trim() ? (v.trim().length <= 200 ? true : '理由不能超过 200 个字') : '请填写驳回的理由'),
    }));
  } catch {
    return false;
  }
  try {
    await api.post(`/orgs/changes/${r.id}/reject`, { note: note.trim() });
    ElMessage.success('申请已驳回');
    return true;
  } catch (e) {
    ElMessage.error(e.message);
    return false;
  }
}

export async function withdrawChange(r) {
  if (!(await confirmed(`撤回申请：${describeChange(r)}？`, '撤回申请', { type: 'warning' }))) return false;
  try {
    await api.post(`/orgs/changes/${r.id}/reject`, { note: '' });
    ElMessage.success('申请已撤回');
    return true;
  } catch (e) {
    ElMessage.error(e.message);
    return false;
  }
}

export async function pendingChanges() {
  return (await api.get('/orgs/changes', { state: 'pending' })) || [];
}
