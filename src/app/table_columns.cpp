// The columns of each importable kind: field path, Russian and English headers, type, export width.
// One list serves CSV and .xlsx import, .xlsx export and open data (docs/xlsx-opendata.md).

#include <map>

#include "app/table_import.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

using T = ColumnType;

TableColumn Col(std::string field, std::string ru, std::string en, T type = T::kText, double width = 20) {
    return TableColumn{std::move(field), std::move(ru), std::move(en), type, width, "", "", {}};
}
TableColumn Vocab(std::string field, std::string ru, std::string en, std::string vocab) {
    TableColumn c = Col(std::move(field), std::move(ru), std::move(en), T::kVocab, 16);
    c.vocab = std::move(vocab);
    return c;
}
TableColumn Ref(std::string field, std::string ru, std::string en, std::string id_field, T type = T::kRef) {
    TableColumn c = Col(std::move(field), std::move(ru), std::move(en), type, 14);
    c.id_field = std::move(id_field);
    return c;
}
TableColumn Alias(TableColumn c, std::vector<std::string> aliases) {
    c.aliases = std::move(aliases);
    return c;
}

const std::map<std::string, std::vector<TableColumn>>& All() {
    static const std::map<std::string, std::vector<TableColumn>> kColumns = {
        {"organisation",
         {Col("key", "Ключ", "Key", T::kText, 16), Col("name", "Название", "Name", T::kText, 50),
          Col("short_name", "Краткое название", "Short name", T::kText, 24),
          Vocab("kind", "Вид", "Kind", "organisation_kind"), Col("region", "Регион", "Region", T::kRegion, 24),
          Ref("municipality", "Муниципалитет", "Municipality", "municipality_id", T::kMunicipality),
          Col("website", "Сайт", "Website", T::kText, 28), Col("email", "Эл. почта", "E-mail", T::kText, 26),
          Col("phone", "Телефон", "Phone", T::kText, 18), Col("address", "Адрес", "Address", T::kText, 40),
          Col("description", "Описание", "Description", T::kText, 60)}},
        {"person",
         {Col("key", "Ключ", "Key", T::kText, 16), Col("last_name", "Фамилия", "Last name"),
          Col("first_name", "Имя", "First name"), Col("patronymic", "Отчество", "Patronymic"),
          Col("bio", "Биография", "Biography", T::kText, 60)}},
        {"position",
         {Ref("person", "Персона", "Person", "person_id"), Col("title", "Должность", "Title", T::kText, 40),
          Ref("organisation", "Организация", "Organisation", "organisation_id"),
          Col("region", "Регион", "Region", T::kRegion, 24),
          Ref("municipality", "Муниципалитет", "Municipality", "municipality_id", T::kMunicipality),
          Col("from", "Дата начала", "From", T::kDate, 12), Col("to", "Дата окончания", "To", T::kDate, 12)}},
        {"practice",
         {Col("key", "Ключ", "Key", T::kText, 16), Col("title", "Название", "Title", T::kText, 50),
          Col("summary", "Краткое описание", "Summary", T::kText, 60),
          Col("problem", "Проблема", "Problem", T::kText, 40), Col("solution", "Решение", "Solution", T::kText, 40),
          Col("domains", "Сферы", "Domains", T::kList, 24), Col("tags", "Теги", "Tags", T::kList, 24),
          Col("origin.region", "Регион", "Region", T::kRegion, 24),
          Ref("origin.municipality", "Муниципалитет", "Municipality", "origin.municipality_id", T::kMunicipality),
          Ref("origin.organisation", "Организация", "Organisation", "origin.organisation_id"),
          Col("period.from", "Начало", "Started", T::kDate, 12), Col("period.to", "Окончание", "Ended", T::kDate, 12),
          Col("legal_basis", "Нормативная основа", "Legal basis", T::kText, 40),
          Vocab("state", "Статус", "State", "state"),
          Col("last_confirmed_at", "Подтверждено", "Confirmed", T::kDate, 12),
          Col("resources.budget_rub", "Бюджет, руб.", "Budget, RUB", T::kNumber, 14),
          Col("resources.staff", "Сотрудников", "Staff", T::kInt, 12)}},
        {"adoption",
         {Col("key", "Ключ", "Key", T::kText, 16), Ref("practice", "Практика", "Practice", "practice_id"),
          Col("adopter.region", "Регион", "Region", T::kRegion, 24),
          Ref("adopter.municipality", "Муниципалитет", "Municipality", "adopter.municipality_id", T::kMunicipality),
          Ref("adopter.organisation", "Организация", "Organisation", "adopter.organisation_id"),
          Ref("source", "Источник (внедрение)", "Source adoption", "source_adoption_id"),
          Vocab("channel", "Канал", "Channel", "channel"), Vocab("stage_history.last.stage", "Этап", "Stage", "stage"),
          Col("stage_history.last.at", "Дата этапа", "Stage date", T::kDate, 12),
          Col("stage_history", "История этапов", "Stage history", T::kHistory, 50),
          Col("adaptation_notes", "Адаптация", "Adaptation notes", T::kText, 40)}},
        {"indicator",
         {Col("code", "Код", "Code", T::kText, 16), Col("name", "Название", "Name", T::kText, 40),
          Col("name_en", "Название (англ.)", "Name (English)", T::kText, 40),
          Col("unit", "Единица", "Unit", T::kText, 16), Col("domain", "Сфера", "Domain", T::kText, 16),
          Vocab("direction", "Направление", "Direction", "direction"),
          Col("source", "Источник", "Source", T::kText, 30),
          Col("description", "Описание", "Description", T::kText, 60)}},
        {"indicator_value",
         {Col("indicator", "Показатель", "Indicator", T::kText, 16), Col("region", "Регион", "Region", T::kRegion, 24),
          Col("year", "Год", "Year", T::kInt, 8), Col("value", "Значение", "Value", T::kNumber, 12),
          Col("source", "Источник", "Source", T::kText, 30)}},
        {"municipality",
         {Alias(Col("region", "Регион", "Region", T::kRegion, 24), {"region_code"}),
          Col("name", "Название", "Name", T::kText, 30), Col("kind", "Тип", "Kind", T::kText, 16),
          Col("okato", "ОКАТО", "OKATO", T::kText, 14), Col("oktmo", "ОКТМО", "OKTMO", T::kText, 14),
          Col("population", "Население", "Population", T::kInt, 12), Col("lat", "Широта", "Latitude", T::kNumber, 10),
          Col("lon", "Долгота", "Longitude", T::kNumber, 10), Col("is_capital", "Столица", "Capital", T::kBool, 8)}},
    };
    return kColumns;
}

}  // namespace

const std::vector<TableColumn>& ColumnsOf(const std::string& kind) {
    static const std::vector<TableColumn> kNone;
    auto it = All().find(kind);
    return it == All().end() ? kNone : it->second;
}

const std::vector<std::string>& TableKinds() {
    static const std::vector<std::string> kKinds = {"organisation", "person",    "position",        "practice",
                                                    "adoption",     "indicator", "indicator_value", "municipality"};
    return kKinds;
}

std::string KindOfSheetName(const std::string& name) {
    static const std::map<std::string, std::string> kNames = {{"организации", "organisation"},
                                                              {"organisations", "organisation"},
                                                              {"персоны", "person"},
                                                              {"persons", "person"},
                                                              {"люди", "person"},
                                                              {"должности", "position"},
                                                              {"positions", "position"},
                                                              {"практики", "practice"},
                                                              {"practices", "practice"},
                                                              {"внедрения", "adoption"},
                                                              {"adoptions", "adoption"},
                                                              {"показатели", "indicator"},
                                                              {"indicators", "indicator"},
                                                              {"значения показателей", "indicator_value"},
                                                              {"значения", "indicator_value"},
                                                              {"indicator_values", "indicator_value"},
                                                              {"indicator values", "indicator_value"},
                                                              {"муниципалитеты", "municipality"},
                                                              {"municipalities", "municipality"}};
    std::string folded = text::Fold(name);
    for (const auto& [k, v] : kNames)
        if (text::Fold(k) == folded) return v;
    for (const auto& k : TableKinds())
        if (k == name) return k;
    return "";
}

std::string SheetTitle(const std::string& kind, const std::string& lang) {
    static const std::map<std::string, std::pair<std::string, std::string>> kTitles = {
        {"organisation", {"Организации", "Organisations"}},
        {"person", {"Персоны", "Persons"}},
        {"position", {"Должности", "Positions"}},
        {"practice", {"Практики", "Practices"}},
        {"adoption", {"Внедрения", "Adoptions"}},
        {"indicator", {"Показатели", "Indicators"}},
        {"indicator_value", {"Значения показателей", "Indicator values"}},
        {"municipality", {"Муниципалитеты", "Municipalities"}}};
    auto it = kTitles.find(kind);
    if (it == kTitles.end()) return kind;
    return lang == "en" ? it->second.second : it->second.first;
}

const std::string& HeaderOf(const TableColumn& c, const std::string& lang) { return lang == "en" ? c.en : c.ru; }

}  // namespace orientir::app
