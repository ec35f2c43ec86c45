#include "domain/enums.hpp"

#include <array>

namespace orientir::domain {

namespace {

template <class Enum, std::size_t N>
struct Vocab {
    std::array<Label, N> labels;
    std::vector<Enum> all;
    explicit Vocab(std::array<Label, N> l) : labels(l) {
        for (std::size_t i = 0; i < N; ++i) all.push_back(static_cast<Enum>(i));
    }
    std::optional<Enum> Parse(std::string_view code) const {
        for (std::size_t i = 0; i < N; ++i)
            if (labels[i].code == code) return static_cast<Enum>(i);
        return std::nullopt;
    }
    std::string Allowed() const {
        std::string s;
        for (std::size_t i = 0; i < N; ++i) {
            if (i) s += ", ";
            s += labels[i].code;
        }
        return s;
    }
};

const Vocab<AdoptionStage, 6> kStages({{{"interest", "Интерес", "Interest"},
                                        {"study", "Изучение", "Study"},
                                        {"pilot", "Пилот", "Pilot"},
                                        {"implemented", "Внедрено", "Implemented"},
                                        {"scaled", "Масштабировано", "Scaled"},
                                        {"discontinued", "Прекращено", "Discontinued"}}});
const Vocab<Channel, 8> kChannels({{{"personnel", "Кадровый переход", "Personnel move"},
                                    {"competence_centre", "Центр компетенций", "Competence centre"},
                                    {"conference", "Конференция, форум", "Conference or forum"},
                                    {"contest", "Конкурс", "Contest"},
                                    {"press", "СМИ", "Press"},
                                    {"direct_contact", "Прямой контакт", "Direct contact"},
                                    {"federal_programme", "Федеральная программа", "Federal programme"},
                                    {"other", "Другое", "Other"}}});
const Vocab<ModerationState, 4> kStates({{{"draft", "Черновик", "Draft"},
                                          {"on_review", "На проверке", "On review"},
                                          {"published", "Опубликовано", "Published"},
                                          {"archived", "В архиве", "Archived"}}});
const Vocab<OrganisationKind, 11> kOrgKinds({{{"ngo", "НКО", "NGO"},
                                              {"art_school", "Школа искусств", "School of arts"},
                                              {"competence_centre", "Центр компетенций", "Competence centre"},
                                              {"volunteer_corps", "Волонтёрский корпус", "Volunteer corps"},
                                              {"government_body", "Орган власти", "Government body"},
                                              {"business", "Бизнес", "Business"},
                                              {"school", "Школа", "School"},
                                              {"university", "Вуз", "University"},
                                              {"library", "Библиотека", "Library"},
                                              {"museum", "Музей", "Museum"},
                                              {"other", "Другое", "Other"}}});
const Vocab<IndicatorDirection, 2> kDirections({{{"higher_better", "Чем больше, тем лучше", "Higher is better"},
                                                 {"lower_better", "Чем меньше, тем лучше", "Lower is better"}}});
const Vocab<RequestStatus, 6> kRequestStatuses({{{"new", "Новый", "New"},
                                                 {"in_progress", "В работе", "In progress"},
                                                 {"answered", "Дан ответ", "Answered"},
                                                 {"declined", "Отклонён", "Declined"},
                                                 {"closed", "Закрыт", "Closed"},
                                                 {"routed", "Передан", "Routed"}}});
const Vocab<RegionType, 6> kRegionTypes({{{"republic", "Республика", "Republic"},
                                          {"krai", "Край", "Krai"},
                                          {"oblast", "Область", "Oblast"},
                                          {"federal_city", "Город федерального значения", "Federal city"},
                                          {"autonomous_oblast", "Автономная область", "Autonomous oblast"},
                                          {"autonomous_okrug", "Автономный округ", "Autonomous okrug"}}});

}  // namespace

#define ORIENTIR_DEFINE_VOCAB(Enum, table)                                                   \
    std::string_view Code(Enum v) { return table.labels[static_cast<std::size_t>(v)].code; } \
    const Label& LabelOf(Enum v) { return table.labels[static_cast<std::size_t>(v)]; }       \
    std::optional<Enum> Parse##Enum(std::string_view code) { return table.Parse(code); }     \
    const std::vector<Enum>& All##Enum() { return table.all; }                               \
    std::string AllowedCodes##Enum() { return table.Allowed(); }

ORIENTIR_DEFINE_VOCAB(AdoptionStage, kStages)
ORIENTIR_DEFINE_VOCAB(Channel, kChannels)
ORIENTIR_DEFINE_VOCAB(ModerationState, kStates)
ORIENTIR_DEFINE_VOCAB(OrganisationKind, kOrgKinds)
ORIENTIR_DEFINE_VOCAB(IndicatorDirection, kDirections)
ORIENTIR_DEFINE_VOCAB(RequestStatus, kRequestStatuses)
ORIENTIR_DEFINE_VOCAB(RegionType, kRegionTypes)
#undef ORIENTIR_DEFINE_VOCAB

int StageRank(AdoptionStage s) { return s == AdoptionStage::kDiscontinued ? -1 : static_cast<int>(s); }

bool IsAllowedStageMove(AdoptionStage from, AdoptionStage to) {
    if (from == AdoptionStage::kDiscontinued) return false;
    if (to == AdoptionStage::kDiscontinued) return true;
    return StageRank(to) > StageRank(from);
}

}  // namespace orientir::domain
