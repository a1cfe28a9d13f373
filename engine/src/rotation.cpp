// RotationPlan and RetentionSweeper.
#include "rotation.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "capture_index.hpp"

namespace ringdump {
namespace {

int64_t AlignedStart(int64_t now, int64_t seconds) {
  time_t t = static_cast<time_t>(now);
  struct tm local;
  localtime_r(&t, &local);
  int64_t local_seconds = now + local.tm_gmtoff;  // align on the local clock (":00, :10, ...")
  return now - (local_seconds % seconds + seconds) % seconds;
}

std::string RegexEscape(char c) {
  static const std::string kSpecial = "\\^$.|?*+()[]{}";
  return kSpecial.find(c) != std::string::npos ? std::string("\\") + c : std::string(1, c);
}

// What each strftime conversion can produce, as a regex (unknown ones: anything but '/').
std::string ConversionRegex(char c) {
  switch (c) {
    case 'Y': return "[0-9]{4}";
    case 'm': case 'd': case 'H': case 'M': case 'S': case 'y': case 'U': case 'W': case 'V': case 'C':
    case 'I': case 'g': return "[0-9]{2}";
    case 'e': case 'k': case 'l': return "[ 0-9][0-9]";
    case 'j': return "[0-9]{3}";
    case 'u': case 'w': return "[0-9]";
    case 's': return "[0-9]+";
    case 'G': return "[0-9]{4}";
    case 'F': return "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    case 'T': return "[0-9]{2}:[0-9]{2}:[0-9]{2}";
    case 'R': return "[0-9]{2}:[0-9]{2}";
    case 'D': return "[0-9]{2}/[0-9]{2}/[0-9]{2}";
    case '%': return "%";
    default: return "[^/]+";
  }
}

}  // namespace

int SuffixWidth(uint32_t file_limit) {
  int width = 0;
  for (int64_t x = int64_t{file_limit} - 1; x > 0; x /= 10) ++width;
  return width;
}

std::string NumberedName(const std::string& name, uint32_t count, int width) {
  if (count == 0 && width == 0) return name;
  char digits[32];
  std::snprintf(digits, sizeof(digits), "%0*u", width, count);
  return name + digits;
}

std::string ContinuationName(const std::string& path, int n) {
  const size_t slash = path.rfind('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || dot <= base) dot = path.size();  // no extension (or a dot file)
  return path.substr(0, dot) + "-" + std::to_string(n) + path.substr(dot);
}

bool PathExists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

std::string FreeContinuationName(const std::string& path) {
  for (int n = 1;; ++n)
    if (const std::string name = ContinuationName(path, n); !PathExists(name)) return name;
}

RotationPlan::RotationPlan(std::string pattern, const RotationConfig& config, int64_t now)
    : pattern_(std::move(pattern)), config_(config), width_(SuffixWidth(config.file_limit)) {
  interval_start_ = now;
  if (config_.seconds > 0) {
    if (config_.align) interval_start_ = AlignedStart(now, config_.seconds);
    deadline_ = interval_start_ + config_.seconds;
  }
}

std::string RotationPlan::TimeName(int64_t when) const {
  if (config_.seconds == 0) return pattern_;
  time_t t = static_cast<time_t>(when);
  struct tm local;
  localtime_r(&t, &local);
  char buffer[4096];
  size_t n = std::strftime(buffer, sizeof(buffer), pattern_.c_str(), &local);
  return n == 0 ? pattern_ : std::string(buffer, n);
}

std::string RotationPlan::CurrentName() const {
  // As tcpdump: numbering (with -W's width) only when -C is set.
  if (config_.file_bytes != 0) return NumberedName(TimeName(interval_start_), size_count_, width_);
  return TimeName(interval_start_);
}

bool RotationPlan::AdvanceTime() {
  ++time_count_;
  if (config_.file_bytes == 0 && config_.file_limit > 0 && time_count_ >= config_.file_limit) return false;
  interval_start_ = deadline_;
  deadline_ += config_.seconds;
  size_count_ = 0;
  ++files_started_;
  return true;
}

void RotationPlan::AdvanceSize() {
  ++size_count_;
  if (config_.file_limit > 0 && size_count_ >= config_.file_limit) size_count_ = 0;
  ++files_started_;
}

void RotationPlan::AdvanceNow(int64_t now) {
  if (config_.file_bytes != 0 || config_.seconds == 0) {
    AdvanceSize();
    return;
  }
  // A new -G interval starting now; later deadlines keep the -G step from here.
  interval_start_ = now;
  deadline_ = now + config_.seconds;
  ++files_started_;
}

RetentionSweeper::RetentionSweeper(const std::string& pattern, const RotationConfig& config) : config_(config) {
  std::filesystem::path p(pattern);
  directory_ = p.has_parent_path() ? p.parent_path().string() : ".";
  const std::string name = p.filename().string();
  std::string regex;
  // A continuation ("-N" before the extension, see ContinuationName) belongs to the set too.
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) dot = name.size();
  for (size_t i = 0; i < name.size(); ++i) {
    if (i == dot) regex += "(-[0-9]+)?";
    if (config.seconds > 0 && name[i] == '%' && i + 1 < name.size()) {
      regex += ConversionRegex(name[++i]);
    } else {
      regex += RegexEscape(name[i]);
    }
  }
  if (dot == name.size()) regex += "(-[0-9]+)?";
  if (config.file_bytes > 0) regex += "[0-9]*";  // tcpdump's -C numbering
  name_regex_ = std::regex(regex);
}

std::vector<RetentionSweeper::SetFile> RetentionSweeper::List() const {
  std::vector<SetFile> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!Matches(name)) continue;
    struct stat st;
    if (lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;  // never follow links
    files.push_back({entry.path().string(), static_cast<int64_t>(st.st_mtime), static_cast<uint64_t>(st.st_size)});
  }
  std::sort(files.begin(), files.end(), [](const SetFile& a, const SetFile& b) {
    return a.mtime != b.mtime ? a.mtime < b.mtime : a.path < b.path;
  });
  return files;
}

std::vector<std::string> RetentionSweeper::Sweep(int64_t now, const std::string& keep) const {
  std::vector<std::string> deleted;
  std::vector<SetFile> files = List();
  uint64_t total = 0;
  for (const SetFile& f : files) total += f.bytes;
  size_t count = files.size();
  for (const SetFile& f : files) {
    const bool too_many = config_.max_files > 0 && count > config_.max_files;
    const bool too_old = config_.max_age_seconds > 0 && now - f.mtime > config_.max_age_seconds;
    const bool too_big = config_.max_total_bytes > 0 && total > config_.max_total_bytes;
    if (!(too_many || too_old || too_big)) continue;
    if (f.path == keep) continue;
    if (std::remove(f.path.c_str()) == 0) {
      std::remove(IndexPathFor(f.path).c_str());  // the file's index goes with it
      deleted.push_back(f.path);
      --count;
      total -= f.bytes;
    }
  }
  return deleted;
}

bool RetentionSweeper::DeleteOldest(const std::string& keep, std::string* deleted) const {
  for (const SetFile& f : List()) {
    if (f.path == keep) continue;
    if (std::remove(f.path.c_str()) == 0) {
      std::remove(IndexPathFor(f.path).c_str());
      if (deleted) *deleted = f.path;
      return true;
    }
  }
  return false;
}

Result<int64_t> ParseAge(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || errno != 0 || v <= 0) return Error("invalid age '" + text + "' (e.g. 15d, 12h, 30m)");
  std::string unit(end);
  double mult = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400
              : unit == "w" ? 604800 : -1;
  if (mult < 0) return Error("invalid age '" + text + "' (units: s, m, h, d, w)");
  return static_cast<int64_t>(v * mult);
}

Result<uint64_t> ParseSize(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || errno != 0 || v <= 0) return Error("invalid size '" + text + "' (e.g. 300G, 10M)");
  std::string unit(end);
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();
  double mult = unit.empty() ? 1 : unit == "k" || unit == "K" ? 1024.0 : unit == "M" || unit == "m" ? 1048576.0
              : unit == "G" || unit == "g" ? 1073741824.0 : unit == "T" || unit == "t" ? 1099511627776.0 : -1;
  if (mult < 0) return Error("invalid size '" + text + "' (units: k, M, G, T)");
  return static_cast<uint64_t>(v * mult);
}

}  // namespace ringdump
