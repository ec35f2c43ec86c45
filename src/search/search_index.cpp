// SearchIndex: generations on disk, the writer fed by the change follower, the reader pool.
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "common/log.hpp"
#include "search/analysis.hpp"
#include "search/indexer.hpp"
#include "search/search.hpp"
#include "search/search_impl.hpp"
#include "storage/change_follower.hpp"

namespace fs = std::filesystem;

namespace orientir::search {

const std::vector<std::string>& SearchableKinds() { return detail::SearchableKindsList(); }

namespace {

constexpr const char* kCurrentFile = "CURRENT";
constexpr const char* kGenPrefix = "gen-";

std::string ReadCurrent(const std::string& dir) {
    std::ifstream in(dir + "/" + kCurrentFile);
    std::string gen;
    std::getline(in, gen);
    return gen;
}

void WriteCurrent(const std::string& dir, const std::string& gen) {
    // Write-then-rename so a crash leaves either the old or the new pointer, never half of one.
    std::string tmp = dir + "/" + kCurrentFile + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << gen << "\n";
        out.flush();
        if (!out) throw std::runtime_error("search: cannot write " + tmp);
    }
    fs::rename(tmp, dir + "/" + kCurrentFile);
}

std::string NextGeneration(const std::string& dir) {
    long best = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        auto name = e.path().filename().string();
        if (name.rfind(kGenPrefix, 0) == 0) best = std::max(best, std::strtol(name.c_str() + 4, nullptr, 10));
    }
    return kGenPrefix + std::to_string(best + 1);
}

}  // namespace

SearchIndex::Impl::Impl(const Options& o, storage::Store& s, detail::Thesaurus t)
    : opt(o), store(s), thesaurus(std::move(t)), indexer(thesaurus, store) {}

int SearchIndex::Impl::WriterFlags() const { return opt.durable ? 0 : Xapian::DB_NO_SYNC; }

std::int64_t SearchIndex::Impl::ReadSeq(Xapian::Database& db) {
    auto v = db.get_metadata(detail::kSeqKey);
    return v.empty() ? 0 : std::stoll(v);
}

// Builds a complete generation from the store; returns its name and change-log position.
std::pair<std::string, std::int64_t> SearchIndex::Impl::BuildGeneration() {
    std::string gen = NextGeneration(opt.dir);
    std::string path = opt.dir + "/" + gen;
    fs::remove_all(path);
    // Position first: changes after it are replayed on top (idempotent: records are re-read).
    std::int64_t seq = store.LastChangeSeq();
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE | WriterFlags());
    indexer.IndexAll(db);
    db.set_metadata(detail::kSeqKey, std::to_string(seq));
    db.set_metadata(detail::kFormatKey, detail::kFormat);
    db.set_metadata(detail::kThesaurusKey, thesaurus.Fingerprint());
    db.commit();
    db.close();
    return {gen, seq};
}

void SearchIndex::Impl::StartFollower(std::int64_t seq) {
    follower = std::make_unique<storage::ChangeFollower>(
        store, seq, [this](const std::vector<storage::Change>& changes) { ApplyBatch(changes); }, opt.poll, opt.batch);
}

void SearchIndex::Impl::ApplyBatch(const std::vector<storage::Change>& changes) {
    std::lock_guard lock(write_mu);
    indexer.Apply(*writer, changes);
    writer->set_metadata(detail::kSeqKey, std::to_string(changes.back().seq));
    writer->commit();
    applied_seq = changes.back().seq;
    version.fetch_add(1);
}

void SearchIndex::Impl::Swap(const std::string& gen) {
    // Caller holds write_mu and has stopped the follower.
    writer.reset();
    WriteCurrent(opt.dir, gen);
    writer = std::make_unique<Xapian::WritableDatabase>(opt.dir + "/" + gen, Xapian::DB_OPEN | WriterFlags());
    {
        std::lock_guard lock(pool_mu);
        current_gen = gen;
        pool.clear();
    }
    version.fetch_add(1);
    RemoveStaleGenerations();
}

void SearchIndex::Impl::RemoveStaleGenerations() {
    std::string live;
    {
        std::lock_guard lock(pool_mu);
        live = current_gen;
    }
    for (const auto& e : fs::directory_iterator(opt.dir)) {
        auto name = e.path().filename().string();
        if (name.rfind(kGenPrefix, 0) == 0 && name != live) {
            std::error_code ec;
            fs::remove_all(e.path(), ec);  // readers still holding it keep their open files (POSIX)
        }
    }
}

std::unique_ptr<SearchIndex::Impl::Reader> SearchIndex::Impl::Acquire() const {
    std::unique_ptr<Reader> r;
    std::string gen;
    {
        std::lock_guard lock(pool_mu);
        gen = current_gen;
        if (!pool.empty()) {
            r = std::move(pool.back());
            pool.pop_back();
        }
    }
    auto v = version.load();
    if (!r || r->gen != gen) {
        r = std::make_unique<Reader>();
        r->db = Xapian::Database(opt.dir + "/" + gen);
        r->gen = gen;
        r->version = v;
    } else if (r->version != v) {
        r->db.reopen();
        r->version = v;
    }
    return r;
}

void SearchIndex::Impl::Release(std::unique_ptr<Reader> r) const {
    std::lock_guard lock(pool_mu);
    if (r->gen == current_gen && pool.size() < 64) pool.push_back(std::move(r));
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SearchIndex::~SearchIndex() { Stop(); }

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const Options& options, storage::Store& store) {
    if (options.dir.empty()) return Error::Invalid("dir", "required", "search index directory is not set");
    ORIENTIR_ASSIGN(auto thesaurus, detail::Thesaurus::Load(options.data_dir));
    auto impl = std::make_unique<Impl>(options, store, std::move(thesaurus));
    try {
        fs::create_directories(options.dir);
        std::string gen = ReadCurrent(options.dir);
        std::int64_t seq = 0;
        bool rebuild = gen.empty() || !fs::exists(options.dir + "/" + gen);
        if (!rebuild) {
            // Written by another version of the indexer, or numbered by another thesaurus: terms or
            // data mean something else now.
            Xapian::Database old(options.dir + "/" + gen);
            if (old.get_metadata(detail::kFormatKey) != detail::kFormat) {
                log::Info("search: index format changed; rebuilding", {{"dir", options.dir}});
                rebuild = true;
            } else if (old.get_metadata(detail::kThesaurusKey) != impl->thesaurus.Fingerprint()) {
                log::Info("search: synonym groups changed; rebuilding", {{"dir", options.dir}});
                rebuild = true;
            }
        }
        if (rebuild) {
            auto built = impl->BuildGeneration();
            gen = built.first;
            seq = built.second;
            WriteCurrent(options.dir, gen);
        }
        impl->writer =
            std::make_unique<Xapian::WritableDatabase>(options.dir + "/" + gen, Xapian::DB_OPEN | impl->WriterFlags());
        seq = Impl::ReadSeq(*impl->writer);
        impl->current_gen = gen;
        impl->applied_seq = seq;
        impl->RemoveStaleGenerations();  // leftovers of an interrupted rebuild
        impl->StartFollower(seq);
    } catch (const Xapian::Error& e) {
        return Error{ErrorCode::kUnavailable,
                     "search index at " + options.dir + " cannot be opened: " + e.get_description()};
    } catch (const fs::filesystem_error& e) {
        return Error{ErrorCode::kUnavailable, "search index at " + options.dir + " cannot be opened: " + e.what()};
    }
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

void SearchIndex::Start() {
    std::lock_guard lock(impl_->follower_mu);
    impl_->follower->Start();
    impl_->running = true;
}

void SearchIndex::Stop() {
    std::lock_guard lock(impl_->follower_mu);
    if (impl_->follower) impl_->follower->Stop();
    impl_->running = false;
}

void SearchIndex::Notify() {
    std::lock_guard lock(impl_->follower_mu);
    impl_->follower->Notify();
}

Status SearchIndex::CatchUp() {
    std::lock_guard lock(impl_->follower_mu);
    try {
        impl_->follower->CatchUp();
    } catch (const Xapian::Error& e) {
        return Error{ErrorCode::kUnavailable, "search index update failed: " + e.get_description()};
    }
    return Status::Ok();
}

Status SearchIndex::Rebuild() {
    std::lock_guard flock(impl_->follower_mu);
    bool was_running = impl_->running;
    impl_->follower->Stop();
    try {
        auto [gen, seq] = impl_->BuildGeneration();
        {
            std::lock_guard lock(impl_->write_mu);
            impl_->Swap(gen);
            impl_->applied_seq = seq;
        }
        impl_->StartFollower(seq);
        impl_->follower->CatchUp();
    } catch (const Xapian::Error& e) {
        impl_->StartFollower(impl_->applied_seq);
        if (was_running) impl_->follower->Start();
        return Error{ErrorCode::kUnavailable, "search index rebuild failed: " + e.get_description()};
    }
    if (was_running) impl_->follower->Start();
    return Status::Ok();
}

IndexStats SearchIndex::Stats() const {
    IndexStats s;
    auto r = impl_->Acquire();
    s.documents = r->db.get_doccount();
    s.generation = r->gen;
    s.applied_seq = impl_->applied_seq.load();
    impl_->Release(std::move(r));
    return s;
}

}  // namespace orientir::search
