// ExpandCapturePaths and the set-membership rule (see capture_set.hpp).
#include "capture_set.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "repair.hpp"
#include "sys/errors.hpp"

namespace ringdump {
namespace {

bool IsCaptureMagic(const uint8_t* m) {
  uint32_t v;
  std::memcpy(&v, m, 4);
  for (uint32_t magic : {0xa1b2c3d4u, 0xa1b23c4du, 0x0A0D0D0Au})
    if (v == magic || v == __builtin_bswap32(magic)) return true;
  return false;
}

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::vector<std::string> ListDirectory(const std::string& dir, Error* error) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    *error = sys::LastError("opendir").Context(dir);
    return names;
  }
  while (dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool IsRegular(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void AddFromDirectory(const std::string& dir, const std::vector<std::string>& names, ExpandedPaths& out) {
  for (const std::string& name : names) {
    const std::string path = Join(dir, name);
    if (IsCaptureFileName(name, names) && IsRegular(path) && LooksLikeCaptureFile(path))
      out.files.push_back(path);
  }
}

bool HasGlobCharacters(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

}  // namespace

bool IsCaptureFileName(const std::string& name, const std::vector<std::string>& siblings) {
  if (name.empty() || name.ends_with(".ridx")) return false;
  if (name[0] == '.') return !FinalNameOfPart(name).empty() || IsSpare(name);  // only the live files
  if (name.size() > 3 && name.ends_with(".gz")) {
    const std::string plain = name.substr(0, name.size() - 3);
    if (std::binary_search(siblings.begin(), siblings.end(), plain)) return false;
  }
  return true;
}

bool LooksLikeCaptureFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;  // unreadable: keep it, so the error is reported with its name
  uint8_t m[4] = {};
  const ssize_t got = ::pread(fd, m, 4, 0);
  if (got == 4 && IsCaptureMagic(m)) {
    ::close(fd);
    return true;
  }
  if (got < 2 || m[0] != 0x1f || m[1] != 0x8b) {
    ::close(fd);
    return false;
  }
  gzFile gz = gzdopen(fd, "rb");
  if (gz == nullptr) {
    ::close(fd);
    return false;
  }
  const bool ok = gzread(gz, m, 4) == 4 && IsCaptureMagic(m);
  gzclose(gz);
  return ok;
}

ExpandedPaths ExpandCapturePaths(const std::vector<std::string>& paths) {
  ExpandedPaths out;
  for (const std::string& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) {
        out.files.push_back(path);
        continue;
      }
      Error error("");
      std::vector<std::string> names = ListDirectory(path, &error);
      if (!error.message().empty()) {
        out.errors.push_back(std::move(error));
        continue;
      }
      AddFromDirectory(path, names, out);
      continue;
    }
    if (!HasGlobCharacters(path)) {
      out.errors.push_back(sys::LastError("stat").Context(path));
      continue;
    }
    glob_t g{};
    const int rc = ::glob(path.c_str(), GLOB_NOSORT, nullptr, &g);
    if (rc != 0) {
      out.errors.push_back(Error(rc == GLOB_NOMATCH ? "no file matches" : "glob failed").Context(path));
      globfree(&g);
      continue;
    }
    // Grouped by directory, so the set rule sees each file's siblings.
    std::vector<std::string> matches(g.gl_pathv, g.gl_pathv + g.gl_pathc);
    globfree(&g);
    std::sort(matches.begin(), matches.end());
    std::string listed_dir = "\1";  // no directory is called that
    std::vector<std::string> siblings;
    for (const std::string& m : matches) {
      const size_t slash = m.rfind('/');
      const std::string dir = slash == std::string::npos ? "" : m.substr(0, slash + 1);
      const std::string name = m.substr(slash == std::string::npos ? 0 : slash + 1);
      if (dir != listed_dir) {
        Error error("");
        siblings = ListDirectory(dir.empty() ? "." : dir, &error);
        listed_dir = dir;
      }
      if (IsCaptureFileName(name, siblings) && IsRegular(m) && LooksLikeCaptureFile(m))
        out.files.push_back(m);
    }
  }
  // The same file named twice (a directory and a glob over it): once.
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (std::string& f : out.files)
    if (seen.insert(f).second) unique.push_back(std::move(f));
  out.files = std::move(unique);
  return out;
}

}  // namespace ringdump
