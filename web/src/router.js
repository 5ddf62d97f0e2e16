// History-mode routes (the server answers index.html for any non-/api path). Each route says who may open it
// (meta.roles) and whether it needs a session; the guard sends the user to sign-in, to the forced password change
// or TOTP enrolment, or to the "no access" page.
import { createRouter, createWebHistory } from 'vue-router';
import { session, loadSession, hasRole, homePath, WORK_ROLES, ORG_READERS, ACCOUNT_ROLES } from './session.js';
import AppLayout from './layout/AppLayout.vue';

const routes = [
  { path: '/login', name: 'login', component: () => import('./modules/accounts/SignInPage.vue'), meta: { public: true, title: '登录' } },
  { path: '/password', name: 'password', component: () => import('./modules/accounts/ChangePasswordPage.vue'), meta: { setup: true, title: '修改密码' } },
  { path: '/totp', name: 'totp', component: () => import('./modules/accounts/TotpEnrollPage.vue'), meta: { setup: true, title: '绑定动态口令' } },
  {
    path: '/',
    component: AppLayout,
    children: [
      // Never shown: the guard below sends each role to its own home once the session is known (a `redirect`
      // here would be decided before the session has loaded).
      { path: '', name: 'home', component: { render: () => null } },
      // 工作台 (一表一单一图) of the caller's node or of one below it.
      { path: 'dashboard/:code?', name: 'dashboard', component: () => import('./modules/dashboard/DashboardPage.vue'), meta: { roles: WORK_ROLES, title: '工作台' } },
      { path: 'orgs/:code?', name: 'orgs', component: () => import('./modules/org/OrgTreePage.vue'), meta: { roles: ORG_READERS, title: '组织体系' } },
      { path: 'people', name: 'people', component: () => import('./modules/people/PeopleListPage.vue'), meta: { roles: WORK_ROLES, title: '人员信息' } },
      { path: 'people/new', name: 'person-new', component: () => import('./modules/people/PersonEditPage.vue'), meta: { roles: WORK_ROLES, title: '新增人员' } },
      { path: 'people/me', name: 'person-me', component: () => import('./modules/people/PersonDetailPage.vue'), meta: { title: '我的信息' }, props: { me: true } },
      { path: 'people/:id(\\d+)', name: 'person', component: () => import('./modules/people/PersonDetailPage.vue'), meta: { roles: WORK_ROLES, title: '人员详情' } },
      { path: 'people/:id(\\d+)/edit', name: 'person-edit', component: () => import('./modules/people/PersonEditPage.vue'), meta: { roles: WORK_ROLES, title: '编辑人员' } },
      // 责任整改 (the duty module): 问题清单, 整改销号, 每月一题, 逾期未整改, 责任清单.
      { path: 'duty', redirect: { name: 'duty-todo' } },
      { path: 'duty/todo', name: 'duty-todo', component: () => import('./modules/duty/TodoPage.vue'), meta: { roles: WORK_ROLES, title: '我的待办' } },
      { path: 'duty/items', name: 'duty-items', component: () => import('./modules/duty/ItemsPage.vue'), meta: { roles: WORK_ROLES, title: '问题清单' } },
      { path: 'duty/items/new', name: 'duty-new', component: () => import('./modules/duty/ItemEditPage.vue'), meta: { roles: WORK_ROLES, title: '新建问题' } },
      { path: 'duty/items/:id(\\d+)', name: 'duty-item', component: () => import('./modules/duty/ItemPage.vue'), meta: { roles: WORK_ROLES, title: '问题详情' } },
      { path: 'duty/items/:id(\\d+)/edit', name: 'duty-edit', component: () => import('./modules/duty/ItemEditPage.vue'), meta: { roles: WORK_ROLES, title: '编辑问题' } },
      { path: 'duty/board', name: 'duty-board', component: () => import('./modules/duty/BoardPage.vue'), meta: { roles: WORK_ROLES, title: '每月一题' } },
      { path: 'duty/report', name: 'duty-report', component: () => import('./modules/duty/ReportPage.vue'), meta: { roles: WORK_ROLES, title: '逾期未整改' } },
      { path: 'duty/lists', name: 'duty-lists', component: () => import('./modules/duty/ListsPage.vue'), meta: { roles: WORK_ROLES, title: '责任清单' } },
      { path: 'duty/lists/new', name: 'duty-list-new', component: () => import('./modules/duty/ListEditPage.vue'), meta: { roles: WORK_ROLES, title: '下达责任清单' } },
      { path: 'duty/lists/:id(\\d+)', name: 'duty-list', component: () => import('./modules/duty/ListPage.vue'), meta: { roles: WORK_ROLES, title: '责任清单详情' } },
      // 党员管理 (the membership module): 党费收缴台账, a member's dues, 减免审批, 欠缴提醒.
      { path: 'dues', redirect: { name: 'dues-ledger' } },
      { path: 'dues/ledger', name: 'dues-ledger', component: () => import('./modules/membership/DuesLedgerPage.vue'), meta: { roles: WORK_ROLES, title: '党费收缴台账' } },
      { path: 'dues/members/:id(\\d+)', name: 'dues-member', component: () => import('./modules/membership/MemberDuesPage.vue'), meta: { roles: WORK_ROLES, title: '党员党费' } },
      { path: 'dues/approvals', name: 'dues-approvals', component: () => import('./modules/membership/DuesApprovalsPage.vue'), meta: { roles: WORK_ROLES, title: '党费减免审批' } },
      { path: 'dues/todo', name: 'dues-todo', component: () => import('./modules/membership/DuesTodoPage.vue'), meta: { roles: WORK_ROLES, title: '党费欠缴提醒' } },
      // 组织生活 (the orglife module): 三会一课 and the branch's calendar, a meeting, 会议审核, 按期情况.
      { path: 'orglife', name: 'orglife', component: () => import('./modules/orglife/MeetingsPage.vue'), meta: { roles: WORK_ROLES, title: '三会一课' } },
      { path: 'orglife/meetings/:id(\\d+)', name: 'orglife-meeting', component: () => import('./modules/orglife/MeetingPage.vue'), meta: { roles: WORK_ROLES, title: '会议详情' } },
      { path: 'orglife/reviews', name: 'orglife-reviews', component: () => import('./modules/orglife/ReviewsPage.vue'), meta: { roles: ['org_department', 'township_committee'], title: '会议审核' } },
      { path: 'orglife/compliance', name: 'orglife-compliance', component: () => import('./modules/orglife/CompliancePage.vue'), meta: { roles: WORK_ROLES, title: '三会一课按期情况' } },
      // 我的 (the Party member's own pages, phone first; sections: modules/orglife/my/sections.js) and sign-in.
      { path: 'my', name: 'my', component: () => import('./modules/orglife/my/MyHubPage.vue'), meta: { roles: ['member'], title: '我的' } },
      { path: 'my/meetings', name: 'my-meetings', component: () => import('./modules/orglife/my/MyMeetingsPage.vue'), meta: { roles: ['member'], title: '会议与签到' } },
      { path: 'my/signin/:id(\\d+)?', name: 'my-signin', component: () => import('./modules/orglife/my/MySigninPage.vue'), meta: { roles: ['member'], title: '会议签到' } },
      { path: 'users/slips', name: 'member-slips', component: () => import('./modules/accounts/SlipsPage.vue'), meta: { roles: ['system_admin'], title: '党员账号发放单' } },
      { path: 'audit', name: 'audit', component: () => import('./modules/audit/AuditPage.vue'), meta: { roles: ['audit_admin'], title: '审计日志' } },
      { path: 'users', name: 'users', component: () => import('./modules/accounts/UsersPage.vue'), meta: { roles: ACCOUNT_ROLES, title: '账号管理' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./common/NotFoundPage.vue'), props: { forbidden: true }, meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./common/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
});

// Starts fetching the code of the pages `to` needs, so that it arrives while the guard waits for the session
// rather than after it (the router itself imports them only once every guard has passed).
function prefetchComponents(to) {
  for (const record of to.matched) {
    for (const component of Object.values(record.components || {})) {
      if (typeof component === 'function') component().catch(() => {}); // a failure is the router's to report
    }
  }
}

router.beforeEach(async (to) => {
  prefetchComponents(to);
  if (!session.loaded) {
    try {
      await loadSession();
    } catch {
      // The server cannot be reached: the sign-in page says so when the user tries.
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user && !session.mustChangePassword && !session.mustEnrollTotp) return homePath();
    return true;
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (session.mustChangePassword) return to.name === 'password' ? true : { name: 'password' };
  if (session.mustEnrollTotp) return to.name === 'totp' ? true : { name: 'totp' };
  if (to.name === 'home') return homePath();
  if (to.meta.roles && !hasRole(to.meta.roles)) return { name: 'forbidden' };
  return true;
});

// After a new release the old page may ask for a chunk that no longer exists: load the page afresh.
router.onError((error, to) => {
  if (/dynamically imported module|Importing a module script failed|error loading dynamically/i.test(String(error?.message))) {
    window.location.assign(to.fullPath);
  }
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 基层工作平台` : '基层工作平台';
});
