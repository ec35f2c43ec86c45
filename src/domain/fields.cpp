#include "domain/fields.hpp"

#include "common/strings.hpp"

#include <optional>

namespace orientir::domain {

namespace {

constexpr bool kRequired = true;

// Walks the fields of a record, either checking them, repairing them, or finding one field's limit.
// The per-entity functions below are the descriptor: the one list of each entity's fields and limits.
class Walker {
public:
    enum class Mode { kCheck, kRepair, kFind };
    Walker(Mode mode, Issues* out, std::string prefix = {}, std::string find = {})
        : mode_(mode), out_(out), prefix_(std::move(prefix)), find_(std::move(find)) {}

    template <class S>
    void Text(const char* name, S& value, std::size_t max_bytes, bool required = false) {
        std::string f = prefix_ + name;
        if (mode_ == Mode::kFind) {
            if (f == find_) found_ = max_bytes;
            return;
        }
        if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) {
            if (mode_ == Mode::kCheck) Add(f, "required", f + " is required");
        }
        if (value.size() > max_bytes) {
            Add(f, "too_long", f + " is longer than " + std::to_string(max_bytes) + " bytes");
            if constexpr (!std::is_const_v<S>) {
                if (mode_ == Mode::kRepair) value = TrimUtf8(value, max_bytes);
            }
        }
    }
    template <class S>
    void OptText(const char* name, std::optional<S>& value, std::size_t max_bytes) {
        if (mode_ == Mode::kFind) return Text(name, empty_, max_bytes);
        if (value) Text(name, *value, max_bytes);
    }
    template <class S>
    void OptText(const char* name, const std::optional<S>& value, std::size_t max_bytes) {
        if (mode_ == Mode::kFind) return Text(name, empty_, max_bytes);
        if (value) Text(name, *value, max_bytes);
    }
    template <class L>
    void List(const char* name, L& items, std::size_t max_items, std::size_t max_item_bytes) {
        if (mode_ == Mode::kFind) return;
        std::string f = prefix_ + name;
        CountItems(f, items, max_items);
        for (std::size_t i = 0; i < items.size(); ++i) {
            Walker w(mode_, out_, f + "[" + std::to_string(i) + "]");
            w.TextAt(items[i], max_item_bytes);
        }
    }
    // A list of nested records; `each(walker, item)` describes one item's fields.
    template <class L, class Fn>
    void Items(const char* name, L& items, std::size_t max_items, Fn each) {
        if (mode_ == Mode::kFind) return;
        std::string f = prefix_ + name;
        CountItems(f, items, max_items);
        for (std::size_t i = 0; i < items.size(); ++i) {
            Walker w(mode_, out_, f + "[" + std::to_string(i) + "].");
            each(w, items[i]);
        }
    }
    template <class O, class Fn>
    void Nested(const char* name, O& object, Fn each) {
        if (mode_ == Mode::kFind) return;
        Walker w(mode_, out_, prefix_ + name + ".");
        each(w, object);
    }
    std::size_t found() const { return found_; }

private:
    template <class S>
    void TextAt(S& value, std::size_t max_bytes) {
        if (value.size() <= max_bytes) return;
        Add(prefix_, "too_long", prefix_ + " is longer than " + std::to_string(max_bytes) + " bytes");
        if constexpr (!std::is_const_v<S>) {
            if (mode_ == Mode::kRepair) value = TrimUtf8(value, max_bytes);
        }
    }
    template <class L>
    void CountItems(const std::string& f, L& items, std::size_t max_items) {
        if (items.size() <= max_items) return;
        Add(f, "too_many", f + " has more than " + std::to_string(max_items) + " items");
        if constexpr (!std::is_const_v<L>) {
            if (mode_ == Mode::kRepair) items.resize(max_items);
        }
    }
    void Add(const std::string& f, const char* rule, std::string message) {
        out_->push_back({f, rule, std::move(message)});
    }
    static std::string TrimUtf8(const std::string& s, std::size_t max_bytes) { return Utf8Prefix(s, max_bytes); }

    Mode mode_;
    Issues* out_;
    std::string prefix_;
    std::string find_;
    std::size_t found_ = 0;
    std::string empty_;
};

// --- the descriptor: each entity's fields and limits ---

template <class K>
void KpiFields(Walker& w, K& k) {
    w.Text("name", k.name, 500, kRequired);
    w.Text("unit", k.unit, 100);
    w.OptText("indicator", k.indicator, 64);
}

template <class P>
void PlaceFields(Walker& w, P& p) {
    w.Text("region", p.region, 8, kRequired);
}

template <class O>
void Fields(Walker& w, O& v) requires std::is_same_v<std::remove_const_t<O>, Organisation> {
    w.OptText("key", v.key, 100);
    w.Text("name", v.name, 500, kRequired);
    w.Text("short_name", v.short_name, 200);
    w.Text("region", v.region, 8, kRequired);
    w.Text("website", v.website, 500);
    w.Text("email", v.email, 200);
    w.Text("phone", v.phone, 100);
    w.Text("address", v.address, 500);
    w.Text("description", v.description, 20000);
    w.List("aliases", v.aliases, 50, 2000);
}

template <class P>
void Fields(Walker& w, P& v) requires std::is_same_v<std::remove_const_t<P>, Person> {
    w.OptText("key", v.key, 100);
    w.Text("last_name", v.last_name, 200, kRequired);
    w.Text("first_name", v.first_name, 200);
    w.Text("patronymic", v.patronymic, 200);
    w.Text("bio", v.bio, 20000);
}

template <class P>
void Fields(Walker& w, P& v) requires std::is_same_v<std::remove_const_t<P>, Position> {
    w.Text("title", v.title, 500, kRequired);
    w.OptText("region", v.region, 8);
    w.List("evidence_urls", v.evidence_urls, 50, 2000);
}

template <class P>
void Fields(Walker& w, P& v) requires std::is_same_v<std::remove_const_t<P>, Practice> {
    w.OptText("key", v.key, 100);
    w.Text("title", v.title, 500, kRequired);
    w.Text("summary", v.summary, 5000, kRequired);
    w.Text("problem", v.problem, 20000);
    w.Text("solution", v.solution, 50000);
    w.Items("results", v.results, 50, [](Walker& k, auto& kpi) { KpiFields(k, kpi); });
    w.Nested("resources", v.resources, [](Walker& r, auto& res) { r.List("partners", res.partners, 100, 2000); });
    w.Text("legal_basis", v.legal_basis, 5000);
    w.List("domains", v.domains, 12, 64);
    w.List("tags", v.tags, 50, 2000);
    w.Nested("origin", v.origin, [](Walker& o, auto& place) { PlaceFields(o, place); });
    w.Items("contacts", v.contacts, 20, [](Walker& c, auto& contact) {
        c.Text("name", contact.name, 300, kRequired);
        c.Text("role", contact.role, 300);
        c.Text("email", contact.email, 200);
        c.Text("phone", contact.phone, 100);
    });
    w.Text("moderation_comment", v.moderation_comment, 5000);
}

template <class A>
void Fields(Walker& w, A& v) requires std::is_same_v<std::remove_const_t<A>, Adoption> {
    w.OptText("key", v.key, 100);
    w.Nested("adopter", v.adopter, [](Walker& o, auto& place) { PlaceFields(o, place); });
    w.Items("stage_history", v.stage_history, 20, [](Walker& e, auto& ev) { e.Text("note", ev.note, 5000); });
    w.Text("adaptation_notes", v.adaptation_notes, 20000);
    w.Items("results", v.results, 50, [](Walker& k, auto& kpi) { KpiFields(k, kpi); });
    w.Items("evidence", v.evidence, 100, [](Walker& e, auto& ev) {
        e.Text("url", ev.url, 2000);
        e.Text("title", ev.title, 1000);
        e.Text("quote", ev.quote, 5000);
    });
}

template <class I>
void Fields(Walker& w, I& v) requires std::is_same_v<std::remove_const_t<I>, Indicator> {
    w.Text("code", v.code, 64, kRequired);
    w.Text("name", v.name, 500, kRequired);
    w.Text("name_en", v.name_en, 500);
    w.Text("unit", v.unit, 100);
    w.Text("unit_en", v.unit_en, 100);
    w.Text("domain", v.domain, 64, kRequired);
    w.Text("source", v.source, 1000);
    w.Text("description", v.description, 5000);
}

template <class I>
void Fields(Walker& w, I& v) requires std::is_same_v<std::remove_const_t<I>, IndicatorValue> {
    w.Text("indicator", v.indicator, 64, kRequired);
    w.Text("region", v.region, 8, kRequired);
    w.Text("source", v.source, 1000);
}

template <class R>
void Fields(Walker& w, R& v) requires std::is_same_v<std::remove_const_t<R>, AdoptionRequest> {
    w.Nested("from", v.from, [](Walker& o, auto& place) { PlaceFields(o, place); });
    w.Text("contact_name", v.contact_name, 300, kRequired);
    w.Text("contact_email", v.contact_email, 200);
    w.Text("contact_phone", v.contact_phone, 100);
    w.Text("message", v.message, 10000, kRequired);
    w.Text("response", v.response, 10000);
    w.Text("route_note", v.route_note, 5000);
}

template <class A>
void Fields(Walker& w, A& v) requires std::is_same_v<std::remove_const_t<A>, Article> {
    w.Text("title", v.title, 1000);
    w.Text("text", v.text, 1000000, kRequired);
    w.Text("source", v.source, 500);
    w.Text("url", v.url, 2000);
}

template <class M>
void Fields(Walker& w, M& v) requires std::is_same_v<std::remove_const_t<M>, Municipality> {
    w.Text("region", v.region, 8, kRequired);
    w.Text("name", v.name, 300, kRequired);
    w.Text("kind", v.kind, 100);
    w.OptText("okato", v.okato, 16);
    w.OptText("oktmo", v.oktmo, 16);
}

template <class T>
Issues Check(const T& v) {
    Issues out;
    Walker w(Walker::Mode::kCheck, &out);
    Fields(w, v);
    return out;
}

}  // namespace

Issues CheckFields(const Organisation& v) { return Check(v); }
Issues CheckFields(const Person& v) { return Check(v); }
Issues CheckFields(const Position& v) { return Check(v); }
Issues CheckFields(const Practice& v) { return Check(v); }
Issues CheckFields(const Adoption& v) { return Check(v); }
Issues CheckFields(const Indicator& v) { return Check(v); }
Issues CheckFields(const IndicatorValue& v) { return Check(v); }
Issues CheckFields(const AdoptionRequest& v) { return Check(v); }
Issues CheckFields(const Article& v) { return Check(v); }
Issues CheckFields(const Municipality& v) { return Check(v); }

template <class T>
std::size_t MaxBytes(const std::string& field) {
    Issues none;
    Walker w(Walker::Mode::kFind, &none, {}, field);
    const T v{};
    Fields(w, v);
    return w.found();
}

template <class T>
Issues RepairFields(T& v) {
    Issues out;
    Walker w(Walker::Mode::kRepair, &out);
    Fields(w, v);
    return out;
}

#define ORIENTIR_FIELDS(T)                                \
    template std::size_t MaxBytes<T>(const std::string&); \
    template Issues RepairFields<T>(T&);
ORIENTIR_FIELDS(Organisation)
ORIENTIR_FIELDS(Person)
ORIENTIR_FIELDS(Position)
ORIENTIR_FIELDS(Practice)
ORIENTIR_FIELDS(Adoption)
ORIENTIR_FIELDS(Indicator)
ORIENTIR_FIELDS(IndicatorValue)
ORIENTIR_FIELDS(AdoptionRequest)
ORIENTIR_FIELDS(Article)
ORIENTIR_FIELDS(Municipality)
#undef ORIENTIR_FIELDS

}  // namespace orientir::domain
