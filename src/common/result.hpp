#pragma once
// Result<T>: the value of an operation whose failure is an expected outcome (not found, invalid
// input, conflict, forbidden). Bugs and infrastructure failures are exceptions instead.

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace orientir {

// One error-code enum for the whole program; src/http maps it to HTTP statuses in one place.
enum class ErrorCode {
    kInvalidArgument,     // input breaks a rule; `field` and `rule` say which
    kNotFound,            // the named thing does not exist
    kConflict,            // the change clashes with existing data (duplicate, wrong state)
    kPreconditionFailed,  // a stale version (ETag / If-Match)
    kPreconditionRequired,
    kUnauthenticated,
    kForbidden,
    kPayloadTooLarge,
    kUnsupportedMediaType,
    kTooManyRequests,
    kUnavailable,
    kInternal,
};

const char* ErrorCodeName(ErrorCode code);

// One broken rule of an input, for forms that show every message next to its field.
struct FieldIssue {
    std::string field;
    std::string rule;
    std::string message;
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;             // human-readable, names what is wrong
    std::string field;               // JSON path or form field the error concerns, may be empty
    std::string rule;                // machine-readable rule id, e.g. "required", "stage_backwards"
    std::vector<FieldIssue> issues;  // every broken rule when there are several (first one is above)

    static Error Invalid(std::string field, std::string rule, std::string message) {
        return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), std::move(rule)};
    }
    static Error NotFound(std::string message) {
        return Error{ErrorCode::kNotFound, std::move(message), {}, "not_found"};
    }
    static Error Conflict(std::string message, std::string rule = "conflict") {
        return Error{ErrorCode::kConflict, std::move(message), {}, std::move(rule)};
    }
    static Error Forbidden(std::string message) {
        return Error{ErrorCode::kForbidden, std::move(message), {}, "forbidden"};
    }
    static Error Stale(std::string message) {
        return Error{ErrorCode::kPreconditionFailed, std::move(message), {}, "stale_version"};
    }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(v_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(v_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(v_));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(v_);
    }

private:
    std::variant<T, Error> v_;
};

// Result<void> spelled as Status.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
    static Status Ok() { return Status(); }
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const {
        assert(!ok_);
        return error_;
    }

private:
    Error error_;
    bool ok_ = true;
};

}  // namespace orientir

#define ORIENTIR_CONCAT_INNER(a, b) a##b
#define ORIENTIR_CONCAT(a, b) ORIENTIR_CONCAT_INNER(a, b)

// Propagates an error from an expression yielding Result/Status.
#define ORIENTIR_TRY(expr) ORIENTIR_TRY_IMPL(ORIENTIR_CONCAT(orientir_try_, __LINE__), expr)
#define ORIENTIR_TRY_IMPL(tmp, expr)       \
    do {                                   \
        auto&& tmp = (expr);               \
        if (!tmp.ok()) return tmp.error(); \
    } while (0)
// ORIENTIR_ASSIGN(auto x, Expr()) assigns the value or returns the error.
#define ORIENTIR_ASSIGN(lhs, expr) ORIENTIR_ASSIGN_IMPL(ORIENTIR_CONCAT(orientir_r_, __LINE__), lhs, expr)
#define ORIENTIR_ASSIGN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                       \
    if (!tmp.ok()) return tmp.error();       \
    lhs = std::move(tmp).value()
