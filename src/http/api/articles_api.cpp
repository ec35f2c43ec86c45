#include "http/api/articles_api.hpp"

#include "app/articles.hpp"
#include "common/strings.hpp"
#include "domain/codec.hpp"
#include "text/normalize.hpp"

namespace orientir::http {

namespace {

using app::Actor;

OrderedJson ArticleSummary(const domain::Article& a) {
    OrderedJson j = domain::ToJson(a);
    j.erase("text");
    j.erase("extraction");
    std::string excerpt = text::SubstrCodePoints(a.text, 0, 300);
    j["excerpt"] = excerpt.size() < a.text.size() ? excerpt + "…" : excerpt;
    return j;
}

OrderedJson ItemJson(const app::ReviewItem& item) {
    OrderedJson j = app::ToJson(item.fact);
    if (item.fact.kind == "adoption") {
        j["suggestions"] = OrderedJson::array();
        for (const auto& s : item.suggestions) {
            j["suggestions"].push_back(
                {{"practice_id", s.practice_id},
                 {"title", s.title},
                 {"score", s.score},
                 {"existing_adoption_id",
                  s.existing_adoption_id ? OrderedJson(*s.existing_adoption_id) : OrderedJson(nullptr)}});
            auto& ex = j["suggestions"].back()["existing"] = OrderedJson::array();
            for (const auto& e : s.existing) ex.push_back({{"id", e.id}, {"label", e.label}});
        }
    }
    return j;
}

OrderedJson ViewJson(const app::ArticleView& v) {
    OrderedJson j = domain::ToJson(v.article);
    j["extraction"] = v.extraction;
    j["facts"] = OrderedJson::array();
    for (const auto& f : v.facts) j["facts"].push_back(app::ToJson(f));
    return j;
}

// The article from the request: a JSON object, or the raw text/HTML body with query parameters.
Result<app::ArticleInput> InputFrom(const Request& req) {
    app::ArticleInput in;
    std::string ct = req.Header("content-type");
    std::string lower = ct;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("json") != std::string::npos) {
        auto body = JsonBody(req);
        if (!body.ok()) return body.error();
        std::optional<std::string> text, html;
        auto st = ReadJsonObject(body.value(), [&](JsonReader& r) {
            r.OptStr("text", text, std::size_t(64) << 20);
            r.OptStr("html", html, std::size_t(64) << 20);
            r.Str("title", in.title, false, 1000);
            r.Str("source", in.source, false, 500);
            r.Str("url", in.url, false, 2000);
            r.OptDate("published_at", in.published_at);
            if (!text && !html) r.AddIssue("text", "required", "send the article as text or as html");
            if (text && html) r.AddIssue("html", "exclusive", "send either text or html, not both");
        });
        if (!st.ok()) return st.error();
        in.body = text ? *text : html.value_or("");
        in.format = text ? extract::InputFormat::kPlain : extract::InputFormat::kHtml;
        return in;
    }
    if (lower.rfind("text/plain", 0) == 0) {
        in.format = extract::InputFormat::kPlain;
    } else if (lower.rfind("text/html", 0) == 0) {
        in.format = extract::InputFormat::kHtml;
    } else if (lower.rfind("application/octet-stream", 0) == 0) {
        in.format = extract::InputFormat::kAuto;  // raw bytes: encoding and HTML detected
    } else {
        return Error{ErrorCode::kUnsupportedMediaType,
                     "send the article as application/json ({text|html, title, source, url, published_at}), text/html, "
                     "application/octet-stream or text/plain (got \"" +
                         ct + "\")",
                     "Content-Type",
                     "content_type",
                     {}};
    }
    in.body = req.body;
    in.title = req.Query("title").value_or("");
    in.source = req.Query("source").value_or("");
    in.url = req.Query("url").value_or("");
    if (auto d = req.Query("published_at"); d && !d->empty()) in.published_at = *d;
    return in;
}

// A JSON body that may be absent (accept without edits, reject without a reason).
Result<Json> OptionalJsonBody(const Request& req) {
    if (Trim(req.body).empty()) return Json::object();
    return JsonBody(req);
}

// The common part of a review decision: the fact id, If-Match, a curator, then the JSON body (optional
// for accept and reject) — checked in this order, so the answer names the first problem.
struct Decision {
    std::int64_t id = 0;
    std::optional<std::int64_t> version;
    Actor actor;
    Json body;
};
Result<Decision> ReadDecision(const Request& req, const ActorResolver& actor_of, bool body_required) {
    Decision d;
    ORIENTIR_ASSIGN(d.id, ParseId(req.Param("id")));
    ORIENTIR_ASSIGN(d.version, IfMatchVersion(req));
    d.actor = actor_of(req);
    ORIENTIR_TRY(app::ArticleService::CheckCurator(d.actor));
    ORIENTIR_ASSIGN(d.body, body_required ? JsonBody(req) : OptionalJsonBody(req));
    return d;
}

// The review queue's filters from the query string.
Result<app::FactQuery> FactQueryFrom(const Request& req) {
    app::FactQuery q;
    for (const auto& [k, v] : req.query) {
        if (k == "status") {
            q.status = v;
        } else if (k == "kind") {
            q.kind = v;
        } else if (k == "article") {
            ORIENTIR_ASSIGN(q.article_id, ParseId(v, "article"));
        } else if (k == "limit") {
            auto n = ParseInt(v);
            if (!n || *n < 1 || *n > 200)
                return Error::Invalid("limit", "range", "limit must be a whole number from 1 to 200");
            q.limit = static_cast<int>(*n);
        } else if (k == "cursor") {
            auto n = v.size() > 1 && v[0] == 'a' ? ParseInt(v.substr(1)) : std::nullopt;
            if (!n || *n < 0) return Error::Invalid("cursor", "cursor", "cursor must be a value from next_cursor");
            q.after_id = *n;
        } else if (k == "order") {
            if (v != "newest" && v != "oldest" && v != "confidence")
                return Error::Invalid("order", "enum", "order must be newest, oldest or confidence");
            q.newest_first = v == "newest";
            q.by_confidence = v == "confidence";
        } else if (k == "feed") {
            ORIENTIR_ASSIGN(q.feed_id, ParseId(v, "feed"));
        } else if (k == "region") {
            q.region = v;
        } else if (k == "min_confidence") {
            char* end = nullptr;
            double c = std::strtod(v.c_str(), &end);
            if (v.empty() || end != v.c_str() + v.size() || c < 0 || c > 1)
                return Error::Invalid("min_confidence", "range", "min_confidence must be a number from 0 to 1");
            q.min_confidence = c;
        } else if (k != "lang") {
            return Error::Invalid(k, "unknown_filter",
                                  "unknown parameter \"" + k +
                                      "\"; allowed: status, kind, article, feed, region, min_confidence, limit, "
                                      "cursor, order");
        }
    }
    return q;
}

OrderedJson ReviewPageJson(const app::ReviewPage& page) {
    OrderedJson items = OrderedJson::array();
    for (const auto& item : page.items) items.push_back(ItemJson(item));
    OrderedJson j = ListEnvelope(std::move(items), page.total, page.next_after);
    j["articles"] = OrderedJson::object();
    for (const auto& [id, a] : page.articles) {
        OrderedJson aj = domain::ToJson(a);
        aj.erase("extraction");
        j["articles"][std::to_string(id)] = std::move(aj);
    }
    return j;
}

// Submitting, listing and reading articles.
void RegisterArticleListRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add(
        "POST", "/api/v1/articles",
        [&app, actor_of](Request& req) -> Reply {
            Actor actor = actor_of(req);
            ORIENTIR_TRY(app::ArticleService::CheckCurator(actor));  // refused before the body is read
            ORIENTIR_ASSIGN(auto in, InputFrom(req));
            ORIENTIR_ASSIGN(auto v, app.articles().Submit(actor, in));
            Response r = Response::Json(201, ViewJson(v));
            r.Header("Location", "/api/v1/articles/" + std::to_string(v.article.meta.id));
            return r;
        },
        {"Submit a news article (JSON {text|html, title, source, url, published_at}, or a text/plain or text/html body "
         "with those as query parameters): stores it with its extraction and one proposed fact per extracted fact",
         "articles",
         "",
         "Article",
         {"title", "source", "url", "published_at"}});

    router.Add("GET", "/api/v1/articles",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto params, ListParamsFrom(req, "article"));
                   ORIENTIR_ASSIGN(auto list, app.List<domain::Article>(actor_of(req), params));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& a : list.items) items.push_back(ArticleSummary(a));
                   return ListEnvelope(std::move(items), list.total, list.next_after);
               },
               {"List submitted articles (filters: url, from, to; limit, cursor, order)",
                "articles",
                "",
                "",
                {"url", "from", "to", "limit", "cursor", "order"}});

    router.Add("GET", "/api/v1/articles/{id}",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto v, app.articles().GetArticle(actor_of(req), id));
                   return ViewJson(v);
               },
               {"One article: its text, extraction and proposed facts", "articles", "", "Article", {}});
}

// The review queue of proposed facts and the decisions on them.
void RegisterReviewRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add(
        "GET", "/api/v1/review",
        [&app, actor_of](Request& req) -> JsonReply {
            ORIENTIR_ASSIGN(auto q, FactQueryFrom(req));
            ORIENTIR_ASSIGN(auto page, app.articles().ListFacts(actor_of(req), q));
            return ReviewPageJson(page);
        },
        {"The review queue: proposed facts (filters: status proposed|accepted|merged|rejected, kind, article) with "
         "their evidence {start,end,text} in code points of the article text; the articles (with text) in \"articles\"",
         "review",
         "",
         "",
         {"status", "kind", "article", "feed", "region", "min_confidence", "limit", "cursor", "order"}});

    router.Add("GET", "/api/v1/review/{id}",
               [&app, actor_of](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto item, app.articles().GetFact(actor_of(req), id));
                   Response r = Response::Json(200, ItemJson(item));
                   r.Header("ETag", ETagFor(item.fact.version));
                   return r;
               },
               {"One proposed fact (ETag = version)", "review", "", "", {}});

    router.Add(
        "POST", "/api/v1/review/{id}/accept",
        [&app, actor_of](Request& req) -> JsonReply {
            ORIENTIR_ASSIGN(auto d, ReadDecision(req, actor_of, false));
            ORIENTIR_ASSIGN(auto edits, app::ParseFactEdits(d.body));
            ORIENTIR_ASSIGN(auto f, app.articles().Accept(d.actor, d.id, edits, d.version));
            return app::ToJson(f);
        },
        {"Accept a proposed fact, optionally with edits (practice_id, adopter_region, channel, stage, person_id, "
         "last_name, title, region, period, ...): creates the adoption / person and position / organisation with the "
         "article as evidence, or adds the evidence to the existing record (status merged)",
         "review",
         "",
         "",
         {}});

    router.Add(
        "POST", "/api/v1/review/{id}/merge",
        [&app, actor_of](Request& req) -> JsonReply {
            ORIENTIR_ASSIGN(auto d, ReadDecision(req, actor_of, true));
            std::string target_kind;
            std::int64_t target_id = 0;
            ORIENTIR_TRY(ReadJsonObject(d.body, [&](JsonReader& r) {
                r.Str("target_kind", target_kind, true, 40);
                r.Int("target_id", target_id, true);
            }));
            ORIENTIR_ASSIGN(auto f, app.articles().Merge(d.actor, d.id, target_kind, target_id, d.version));
            return app::ToJson(f);
        },
        {"Merge a proposed fact into an existing record ({target_kind: adoption|position|organisation, target_id}): "
         "the article becomes evidence there",
         "review",
         "",
         "",
         {}});

    router.Add("POST", "/api/v1/review/{id}/reject",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto d, ReadDecision(req, actor_of, false));
                   std::string reason;
                   ORIENTIR_TRY(ReadJsonObject(d.body, [&](JsonReader& r) { r.Str("reason", reason, false, 2000); }));
                   ORIENTIR_ASSIGN(auto f, app.articles().Reject(d.actor, d.id, reason, d.version));
                   return app::ToJson(f);
               },
               {"Reject a proposed fact ({reason})", "review", "", "", {}});
}

}  // namespace

void RegisterArticleRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    RegisterArticleListRoutes(router, app, actor_of);
    RegisterReviewRoutes(router, app, actor_of);
}

}  // namespace orientir::http
