#include "modules/dashboard/json.h"

#include <cmath>

#include "modules/duty/json.h"
#include "modules/org/json.h"

namespace jiceng::dashboard {
boost::json::object ValuesJson(const std::vector<RollupColumn>& columns, const std::vector<double>& values) {
  boost::json::object out;
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      out[columns[i].name] = nullptr;
    } else if (columns[i].percent) {
      out[columns[i].name] = values[i];
    } else {
      out[columns[i].name] = static_cast<int64_t>(values[i]);
    }
  }
  return out;
}

boost::json::value ToJson(const Dashboard& d) {
  boost::json::array columns, path, children, worst;
  for (const auto& c : d.columns) {
    boost::json::object column{{"name", c.name}, {"title", c.title}, {"module", c.module}, {"percent", c.percent}};
    if (c.percent) {
      boost::json::array numerator(c.numerator.begin(), c.numerator.end());
      boost::json::array denominator(c.denominator.begin(), c.denominator.end());
      column["numerator"] = std::move(numerator);
      column["denominator"] = std::move(denominator);
    }
    columns.push_back(std::move(column));
  }
  for (const auto& unit : d.path) path.push_back(org::ToJson(unit));
  for (const auto& child : d.children) {
    boost::json::object row = org::ToJson(child.unit).as_object();
    row["has_children"] = child.has_children;
    row["values"] = ValuesJson(d.columns, child.values);
    children.push_back(std::move(row));
  }
  for (const auto& item : d.worst) worst.push_back(duty::ToJson(item));
  return boost::json::object{{"today", d.today.ToString()},
                             {"due_soon_days", d.due_soon_days},
                             {"org", org::ToJson(d.unit)},
                             {"path", path},
                             {"columns", columns},
                             {"totals", ValuesJson(d.columns, d.totals)},
                             {"children", children},
                             {"worst", boost::json::object{{"total", d.worst_total}, {"items", worst}}}};
}

}  // namespace jiceng::dashboard
