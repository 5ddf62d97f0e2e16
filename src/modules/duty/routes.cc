// HTTP routes of the duty module (doc/duty-api.md). Thin: parse, call one
// command or query (which check role, side and scope), serialize.
#include <boost/json.hpp>

#include "core/text.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/path_id.h"
#include "modules/duty/commands.h"
#include "modules/duty/json.h"
#include "modules/duty/ledger.h"
#include "modules/duty/ledger_import.h"
#include "modules/duty/permissions.h"
#include "modules/imports/routes.h"
#include "modules/duty/queries.h"

namespace jiceng::duty {
namespace {

using accounts::Guard;
using accounts::Principal;
using accounts::QueryValue;
using accounts::FieldType;
using accounts::StringField;
using accounts::TypedField;

Result<int64_t> IdParam(const http::Request& r, const char* name) { return accounts::PathId(r, name, "事项"); }

Result<ListRequest> ListFrom(const http::Request& r) {
  ListRequest q;
  // 本级及下级 unless asked for everything the caller may read (scope=all: also the published items above it).
  const std::string scope = QueryValue(r, "scope");
  if (!scope.empty() && scope != "all" && scope != "own") {
    return Status::Invalid("scope", "范围应为 own（本级及下级）或 all（含上级公开的问题）");
  }
  q.own_subtree = scope != "all";
  q.kind = QueryValue(r, "kind");
  q.state = QueryValue(r, "state");
  q.source = QueryValue(r, "source");
  q.area = QueryValue(r, "area");
  q.due = QueryValue(r, "due");
  q.org = QueryValue(r, "org");
  q.month = QueryValue(r, "month");
  q.leader = QueryValue(r, "leader");
  q.query = QueryValue(r, "q");
  if (auto sort = QueryValue(r, "sort"); !sort.empty()) q.sort = sort;
  if (auto page = QueryValue(r, "page"); !page.empty()) q.page = std::atoi(page.c_str());
  if (auto size = QueryValue(r, "page_size"); !size.empty()) q.page_size = std::atoi(size.c_str());
  return q;
}

// Sets the fields present in `o` over `f` (absent fields keep their value: PATCH changes only what it names).
Result<ItemForm> Overlay(ItemForm f, const boost::json::object& o) {
  static const std::vector<std::tuple<const char*, std::string ItemForm::*, FieldType>> kFields = {
      {"kind", &ItemForm::kind, FieldType::kText},
      {"title", &ItemForm::title, FieldType::kText},
      {"content", &ItemForm::content, FieldType::kText},
      {"target", &ItemForm::target, FieldType::kText},
      {"weight", &ItemForm::weight, FieldType::kInteger},
      {"deadline", &ItemForm::deadline, FieldType::kText},
      {"source", &ItemForm::source, FieldType::kText},
      {"area", &ItemForm::area, FieldType::kText},
      {"severity", &ItemForm::severity, FieldType::kText},
      {"month", &ItemForm::month, FieldType::kText},
      {"responsible_org_code", &ItemForm::responsible_org_code, FieldType::kText},
      {"responsible_person_id", &ItemForm::responsible_person_id, FieldType::kId},
      {"leader_person_id", &ItemForm::leader_person_id, FieldType::kId},
      {"parent_id", &ItemForm::parent_id, FieldType::kId},
  };
  for (const auto& [key, field, type] : kFields) {
    if (!o.contains(key)) continue;
    auto text = TypedField(o, key, type);
    if (!text.ok()) return text.status();
    f.*field = *text;
  }
  return f;
}

Result<ItemForm> FormFrom(const boost::json::object& o) { return Overlay(ItemForm{}, o); }

Result<ActionForm> ActionFormFrom(const boost::json::object& o) {
  ActionForm form;
  for (const auto& [key, field, type] : std::vector<std::tuple<const char*, std::string ActionForm::*, FieldType>>{
           {"action", &ActionForm::action, FieldType::kText},
           {"note", &ActionForm::note, FieldType::kText},
           {"progress", &ActionForm::progress, FieldType::kInteger},
           {"score", &ActionForm::score, FieldType::kInteger},
           {"grade", &ActionForm::grade, FieldType::kText}}) {
    auto text = TypedField(o, key, type);
    if (!text.ok()) return text.status();
    form.*field = *text;
  }
  if (auto it = o.find("confirm_no_evidence"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_bool()) return Status::Invalid("confirm_no_evidence", "confirm_no_evidence 应为 true 或 false");
    form.confirm_no_evidence = it->value().as_bool();
  }
  return form;
}

// The item as the caller now sees it (with the actions it may take).
http::Response Detail(store::Connection& db, const Principal& p, int64_t id, int status = 200) {
  auto detail = DutyQueries(db, p).Show(id);
  if (!detail.ok()) return http::JsonError(detail.status());
  return http::Json(ToJson(*detail), status);
}

http::Response Xlsx(Result<std::string> bytes, const std::string& file_name) {
  if (!bytes.ok()) return http::JsonError(bytes.status());
  return http::Attachment(std::move(*bytes), http::kXlsxType, file_name, "ledger.xlsx");
}

// The server's tree of today, brought up to date first (nothing where none is kept).
const org::TreeMemory* Memory(accounts::WebContext& ctx, store::Connection& db) {
  return ctx.memory ? ctx.memory(db) : nullptr;
}

}  // namespace

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  // The ledger import: the caller's own problems, as 新建问题 makes them; ?list= also puts them in a list the
  // caller's org issued; ?source= the 来源 of problems naming none.
  imports::AddKindRoutes(
      router, ctx, LedgerSpec(), CanUseDuty,
      [](const http::Request& r, const Principal& p, store::Connection& db) -> Result<imports::TargetFactory> {
        const std::string text = accounts::QueryValue(r, "list");
        if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
          return Status::Invalid("list", "责任清单编号无效：" + text);
        }
        const int64_t list_id = text.empty() ? 0 : std::stoll(text);
        if (list_id != 0) {
          if (auto list = ListForImport(db, p, list_id); !list.ok()) return list.status();
        }
        std::string source = accounts::QueryValue(r, "source");
        if (source.empty()) source = "调研";
        if (!ParseSource(source))
          return Status::Invalid("source", "来源无效（可选：调研、观摩、审计、巡察、每月一题、群众反映）");
        return imports::TargetFactory([p, list_id, source](store::Connection& job_db) {
          return std::make_unique<LedgerImport>(job_db, p, list_id, source);
        });
      },
      [](const Principal& p, store::Connection& db) { return LedgerExample(db, p); });
  router.Add("GET", "/api/v1/duty/vocabularies",
             Guard(ctx, [](const http::Request&, const Principal&, store::Connection&) {
               return http::Json(VocabulariesJson());
             }));
  router.Add("GET", "/api/v1/duty/items",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto q = ListFrom(r);
               if (!q.ok()) return http::JsonError(q.status());
               auto page = DutyQueries(db, p, Memory(ctx, db)).List(*q);
               if (!page.ok()) return http::JsonError(page.status());
               return http::Json(ToJson(*page));
             }));
  router.Add("GET", "/api/v1/duty/items.xlsx",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto q = ListFrom(r);
               if (!q.ok()) return http::JsonError(q.status());
               auto file = ItemsLedger(db, p, *q);
               if (!file.ok()) return http::JsonError(file.status());
               return Xlsx(std::move(file->bytes), file->file_name);
             }));
  router.Add("POST", "/api/v1/duty/items",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto form = FormFrom(*body);
               if (!form.ok()) return http::JsonError(form.status());
               auto item = DutyCommands(db, p, ctx.files_dir).Create(*form);
               if (!item.ok()) return http::JsonError(item.status());
               return Detail(db, p, item->id, 201);
             }));
  router.Add("POST", "/api/v1/duty/items/bulk",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               std::vector<int64_t> ids;
               if (auto it = body->find("ids"); it != body->end() && it->value().is_array()) {
                 for (const auto& v : it->value().as_array()) {
                   if (v.is_int64()) ids.push_back(v.as_int64());
                 }
               }
               if (ids.empty()) return http::JsonError(Status::Invalid("ids", "请至少选择一项"));
               if (ids.size() > 500) return http::JsonError(Status::Invalid("ids", "一次最多处理 500 项"));
               std::string action = StringField(*body, "action").value_or("");
               if (action != "assign" && action != "publish") {
                 return http::JsonError(Status::Invalid("action", "批量操作只能是交办（assign）或公开（publish）"));
               }
               auto result = DutyCommands(db, p, ctx.files_dir).Bulk(ids, action);
               boost::json::array done, failed;
               for (int64_t id : result.done) done.push_back(id);
               for (const auto& [id, message] : result.failed) failed.push_back({{"id", id}, {"message", message}});
               return http::Json(boost::json::object{{"done", done}, {"failed", failed}});
             }));
  router.Add("GET", "/api/v1/duty/items/{id}",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               return Detail(db, p, *id);
             }));
  router.Add("PATCH", "/api/v1/duty/items/{id}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto current = DutyQueries(db, p).Show(*id);
               if (!current.ok()) return http::JsonError(current.status());
               auto form = Overlay(FormOf(current->view.item), *body);
               if (!form.ok()) return http::JsonError(form.status());
               auto item = DutyCommands(db, p, ctx.files_dir).Update(*id, *form);
               if (!item.ok()) return http::JsonError(item.status());
               return Detail(db, p, *id);
             }));
  router.Add("POST", "/api/v1/duty/items/{id}/actions",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto form = ActionFormFrom(*body);
               if (!form.ok()) return http::JsonError(form.status());
               auto item = DutyCommands(db, p, ctx.files_dir).Act(*id, *form);
               if (!item.ok()) return http::JsonError(item.status());
               return Detail(db, p, *id);
             }));
  router.Add("POST", "/api/v1/duty/items/{id}/evidence",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto name = r.headers.find("x-file-name");
               if (name == r.headers.end())
                 return http::JsonError(Status::Invalid("file", "缺少文件名（X-File-Name）"));
               auto evidence =
                   DutyCommands(db, p, ctx.files_dir).AddEvidence(*id, http::PercentDecode(name->second), r.body);
               if (!evidence.ok()) return http::JsonError(evidence.status());
               return http::Json(ToJson(*evidence), 201);
             }));
  router.Add("GET", "/api/v1/duty/evidence/{id}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto file = DutyQueries(db, p).EvidenceFile(*id, ctx.files_dir);
               if (!file.ok()) return http::JsonError(file.status());
               auto& [evidence, bytes] = *file;
               return http::Attachment(std::move(bytes), evidence.content_type, evidence.file_name, "evidence");
             }));
  router.Add("GET", "/api/v1/duty/todo",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               TodoRequest q;
               q.show = QueryValue(r, "show");
               if (auto page = QueryValue(r, "page"); !page.empty()) q.page = std::atoi(page.c_str());
               if (auto size = QueryValue(r, "page_size"); !size.empty()) q.page_size = std::atoi(size.c_str());
               auto todo = DutyQueries(db, p, Memory(ctx, db)).Inbox(q);
               if (!todo.ok()) return http::JsonError(todo.status());
               return http::Json(ToJson(*todo));
             }));
  router.Add("GET", "/api/v1/duty/board",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               std::string month = QueryValue(r, "month");
               if (month.empty()) month = Date::Today().ToString().substr(0, 7);
               auto board = DutyQueries(db, p).Board(month);
               if (!board.ok()) return http::JsonError(board.status());
               boost::json::array items;
               for (const auto& d : *board) items.push_back(ToJson(d));
               return http::Json(boost::json::object{{"month", month}, {"items", items}});
             }));
  router.Add("GET", "/api/v1/duty/report",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto report = DutyQueries(db, p, Memory(ctx, db)).Report(QueryValue(r, "org"), QueryValue(r, "as_of"));
               if (!report.ok()) return http::JsonError(report.status());
               return http::Json(ToJson(*report));
             }));
  router.Add("GET", "/api/v1/duty/report.xlsx",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto report = DutyQueries(db, p).Report(QueryValue(r, "org"), QueryValue(r, "as_of"));
               if (!report.ok()) return http::JsonError(report.status());
               return Xlsx(ReportXlsx(*report), report->org_name + "逾期未整改情况.xlsx");
             }));
  router.Add("GET", "/api/v1/duty/lists",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto lists = DutyQueries(db, p).Lists(std::atoi(QueryValue(r, "year").c_str()));
               if (!lists.ok()) return http::JsonError(lists.status());
               boost::json::array items;
               for (const auto& l : *lists) items.push_back(ToJson(l));
               return http::Json(items);
             }));
  auto show_list = [](store::Connection& db, const Principal& p, int64_t id, int status) {
    auto list = DutyQueries(db, p).ShowList(id);
    if (!list.ok()) return http::JsonError(list.status());
    boost::json::object o = ToJson(list->first).as_object();
    boost::json::array items;
    for (const auto& v : list->second) items.push_back(ToJson(v));
    o["items"] = items;
    return http::Json(o, status);
  };
  router.Add("GET", "/api/v1/duty/lists/{id}",
             Guard(ctx, [show_list](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               return show_list(db, p, *id, 200);
             }));
  router.Add("POST", "/api/v1/duty/lists",
             Guard(ctx, [&ctx, show_list](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               ListForm form;
               form.title = StringField(*body, "title").value_or("");
               form.year = StringField(*body, "year").value_or("");
               form.holder_org_code = StringField(*body, "holder_org_code").value_or("");
               if (auto it = body->find("items"); it != body->end() && it->value().is_array()) {
                 for (const auto& v : it->value().as_array()) {
                   if (!v.is_object()) continue;
                   auto item = FormFrom(v.as_object());
                   if (!item.ok()) return http::JsonError(item.status());
                   form.items.push_back(*item);
                 }
               }
               auto list = DutyCommands(db, p, ctx.files_dir).CreateList(form);
               if (!list.ok()) return http::JsonError(list.status());
               return show_list(db, p, list->id, 201);
             }));
  router.Add("POST", "/api/v1/duty/lists/{id}/acknowledge",
             Guard(ctx, [&ctx, show_list](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto list = DutyCommands(db, p, ctx.files_dir).Acknowledge(*id);
               if (!list.ok()) return http::JsonError(list.status());
               return show_list(db, p, *id, 200);
             }));
  router.Add("POST", "/api/v1/duty/lists/{id}/withdraw",
             Guard(ctx, [&ctx, show_list](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto reason = TypedField(*body, "reason", FieldType::kText);
               if (!reason.ok()) return http::JsonError(reason.status());
               auto list = DutyCommands(db, p, ctx.files_dir).WithdrawList(*id, *reason);
               if (!list.ok()) return http::JsonError(list.status());
               return show_list(db, p, *id, 200);
             }));
}

}  // namespace jiceng::duty
