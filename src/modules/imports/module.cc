// The imports module's manifest: the job routes every import kind shares (the kinds register their own upload
// and template routes with AddKindRoutes).
#include "modules/imports/routes.h"
#include "modules/module.h"

namespace jiceng::imports {

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{"imports", "导入", nullptr, nullptr, AddJobRoutes, {}, {}};
  return kManifest;
}

}  // namespace jiceng::imports
