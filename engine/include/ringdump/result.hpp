// Error values for the engine API. No exceptions cross the API: setup returns a Result carrying either a
// value or an Error whose message is a chain of context, innermost first
// ("PACKET_RX_RING: Cannot allocate memory <- ring 2 <- eth0"). Only the CLI prints errors and picks exit codes.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace ringdump {

class Error {
 public:
  // What kind of failure, so a front end can choose an exit code or a hint without parsing text.
  // kNoMemory: the kernel or the process could not allocate (ENOMEM: ring memory, locked pages);
  // kOutput: the packets printed on standard output could not be written (a closed pipe: tcpdump exits 14).
  enum class Kind {
    kGeneric, kNoSuchDevice, kPermission, kDeviceDown, kBadFilter, kBadArgument, kIo, kNoSpace, kNoMemory, kOutput
  };

  explicit Error(std::string message, Kind kind = Kind::kGeneric) : message_(std::move(message)), kind_(kind) {}

  // Adds outer context: "inner <- context".
  Error&& Context(const std::string& context) && {
    message_ += " <- ";
    message_ += context;
    return std::move(*this);
  }
  Error& Context(const std::string& context) & {
    message_ += " <- ";
    message_ += context;
    return *this;
  }

  const std::string& message() const { return message_; }
  Kind kind() const { return kind_; }

 private:
  std::string message_;
  Kind kind_;
};

// A value or an Error. Result<void> is the status of an operation that returns nothing.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& value() const& { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_{""};
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace ringdump

// Propagates an error from an expression returning Status, adding context.
#define RINGDUMP_TRY(expr, context)                                   \
  do {                                                                \
    auto ringdump_try_status_ = (expr);                               \
    if (!ringdump_try_status_.ok())                                   \
      return std::move(ringdump_try_status_).error().Context(context); \
  } while (0)
