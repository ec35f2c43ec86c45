#include "io/xlsx_writer.hpp"

namespace orientir::io {

namespace {

app::TableCell Number(const OrderedJson& v) {
    if (!v.is_number()) return {};
    return {app::TableCell::kNumber, v.dump(), v.get<double>()};
}
app::TableCell Text(const OrderedJson& v) {
    if (!v.is_string()) return {};
    return {app::TableCell::kText, v.get<std::string>(), 0};
}

}  // namespace

Result<std::string> BenchmarkToXlsx(const OrderedJson& b, const std::string& lang) {
    bool en = lang == "en";
    std::vector<std::string> headers =
        en ? std::vector<std::string>{"Indicator",   "Unit",       "Year",   "Value", "Rank",           "Percentile",
                                      "Best region", "Best value", "Target", "Gap",   "Trend per year", "Source"}
           : std::vector<std::string>{
                 "Показатель",    "Единица",         "Год",  "Значение", "Место",          "Процентиль",
                 "Лучший регион", "Лучшее значение", "Цель", "Разрыв",   "Динамика в год", "Источник"};
    std::vector<double> widths = {44, 16, 8, 12, 8, 11, 26, 14, 12, 12, 14, 30};
    std::string region = b.contains("region") && b["region"].is_object() ? b["region"].value("name", "") : "";
    XlsxWriter w;
    ORIENTIR_TRY(w.AddSheet((en ? "Comparison " : "Сравнение ") + region, headers, widths));
    if (!b.contains("indicators")) return w.Finish();
    for (const auto& x : b["indicators"]) {
        OrderedJson best_region = x.contains("best") ? x["best"].value("region", OrderedJson()) : OrderedJson();
        ORIENTIR_TRY(
            w.AddRow({Text(x.value("name", OrderedJson())), Text(x.value("unit", OrderedJson())),
                      Number(x.value("year", OrderedJson())), Number(x.value("value", OrderedJson())),
                      Number(x.value("rank", OrderedJson())), Number(x.value("percentile", OrderedJson())),
                      Text(best_region.is_object() ? best_region.value("name", OrderedJson()) : OrderedJson()),
                      Number(x.contains("best") ? x["best"].value("value", OrderedJson()) : OrderedJson()),
                      Number(x.value("target_value", OrderedJson())), Number(x.value("gap", OrderedJson())),
                      Number(x.value("slope_per_year", OrderedJson())), Text(x.value("source", OrderedJson()))}));
    }
    return w.Finish();
}

}  // namespace orientir::io
