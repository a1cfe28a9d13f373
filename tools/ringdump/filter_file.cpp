// -F FILE: see filter_file.hpp.
#include "filter_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "sys/unique_fd.hpp"

namespace ringdump::cli {

Result<std::string> ReadFilterFile(const std::string& path) {
  sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return Error("can't open " + path + ": " + std::strerror(errno), Error::Kind::kBadArgument);
  struct stat st {};
  if (::fstat(fd.get(), &st) < 0) return Error("can't stat " + path + ": " + std::strerror(errno));
  if (st.st_size > INT_MAX) return Error(path + " is too large", Error::Kind::kBadArgument);
  std::string text(static_cast<size_t>(st.st_size), '\0');
  const ssize_t got = ::read(fd.get(), text.data(), text.size());
  if (got < 0) return Error("read " + path + ": " + std::strerror(errno));
  if (static_cast<size_t>(got) != text.size())
    return Error("short read " + path + " (" + std::to_string(got) + " != " + std::to_string(text.size()) + ")");
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '#')
      while (i < text.size() && text[i] != '\n') text[i++] = ' ';
  return text;
}

Result<std::string> FilterExpression(const CliOptions& options) {
  if (options.filter_file.empty()) return options.filter;
  return ReadFilterFile(options.filter_file);
}

}  // namespace ringdump::cli
