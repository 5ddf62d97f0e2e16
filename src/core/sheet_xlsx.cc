#include "core/sheet_internal.h"

namespace jiceng::sheet::internal {

Status ReadXlsx(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row) {
  return Status::Internal("读取 .xlsx 尚未实现");
}

}  // namespace jiceng::sheet::internal
