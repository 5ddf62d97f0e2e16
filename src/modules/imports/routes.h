// The HTTP side of imports. Each module that imports registers its kind
// (upload and template); the job routes (progress, preview, confirm, cancel,
// the errors file) are shared by every kind and registered once by the imports
// manifest. Thin: parse, check, call the JobStore, serialize. All routes share
// one JobStore, alive as long as some router holds its routes.
#pragma once

#include <functional>
#include <map>
#include <memory>

#include "http/router.h"
#include "modules/accounts/guard.h"
#include "modules/imports/jobs.h"

namespace jiceng::imports {

// Checks the caller's right and scope for an upload (query parameters such as ?org= or ?list=) and gives what
// builds the Target on the job's thread; a refusal is answered as it is.
using MakeTarget =
    std::function<Result<TargetFactory>(const http::Request&, const accounts::Principal&, store::Connection&)>;

// The template's example row for the caller, by column key (see TemplateXlsx); empty: the spec's own.
using MakeExample = std::function<std::map<std::string, std::string>(const accounts::Principal&, store::Connection&)>;

// POST /api/v1/imports/<kind> (the file as the body, its name percent-encoded in X-File-Name) → 202 the job;
// GET /api/v1/imports/<kind>/template.xlsx. `can_import` is the module's permission (deny unless it allows).
void AddKindRoutes(http::Router& router, accounts::WebContext& ctx, const Spec& spec,
                   std::function<Status(const accounts::Principal&)> can_import, MakeTarget make,
                   MakeExample example = nullptr);

// GET /api/v1/imports/jobs/{id}[?offset=&limit=], POST …/{id}/confirm {"mode":"all"|"good"}, POST …/{id}/cancel,
// GET …/{id}/errors.xlsx.
void AddJobRoutes(http::Router& router, accounts::WebContext& ctx);

// The one JobStore of the process's routes (made on first use, gone with the last router holding it).
std::shared_ptr<JobStore> SharedJobStore();

}  // namespace jiceng::imports
