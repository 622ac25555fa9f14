#pragma once
// The store's error reporting: every operation returns a value or one clear, translated message.
#include <QString>
#include <utility>
#include <optional>

namespace workbench::models {

struct StoreError
{
    enum class Kind {
        Unavailable,     // the database cannot be created, opened or reached (exit 69 in the CLI)
        NotADatabase,    // the file exists but is not a SQLite database
        SchemaTooNew,    // written by a newer app: refused, nothing touched
        NotFound,        // no such run / approval
        Conflict,        // the row is not in the state the change expects
        InvalidArgument, // the caller passed something the store cannot store
        Query,           // a statement failed (message includes the driver's text)
    };
    Kind kind = Kind::Query;
    QString message;
};

// A small std::expected stand-in (C++23 is not available with GCC 12).
template<typename T>
class [[nodiscard]] StoreResult
{
public:
    StoreResult(T value) : m_value(std::move(value)) {}
    StoreResult(StoreError error) : m_error(std::move(error)) {}

    bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }
    T &value() & { return *m_value; }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    T &operator*() & { return *m_value; }
    const T &operator*() const & { return *m_value; }
    // By value on temporaries, so `for (auto &x : *repository.listRuns(q))` does not dangle.
    T operator*() && { return std::move(*m_value); }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    // Only meaningful when !hasValue().
    const StoreError &error() const { return m_error; }
    QString errorMessage() const { return hasValue() ? QString() : m_error.message; }

private:
    std::optional<T> m_value;
    StoreError m_error;
};

template<>
class [[nodiscard]] StoreResult<void>
{
public:
    StoreResult() = default;
    StoreResult(StoreError error) : m_error(std::move(error)), m_failed(true) {}

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const StoreError &error() const { return m_error; }
    QString errorMessage() const { return m_failed ? m_error.message : QString(); }

private:
    StoreError m_error;
    bool m_failed = false;
};

} // namespace workbench::models
