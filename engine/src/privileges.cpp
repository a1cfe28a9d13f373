#include "privileges.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "sys/errors.hpp"

namespace ringdump {
namespace {

// True when the effective capability set is empty (from /proc/self/status, CapEff).
bool HasNoCapabilities() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("CapEff:", 0) == 0) return std::strtoull(line.c_str() + 7, nullptr, 16) == 0;
  return false;
}

}  // namespace

Status DropPrivileges(const std::string& user) {
  struct passwd* pw = getpwnam(user.c_str());
  if (pw == nullptr) {
    char* end = nullptr;
    unsigned long uid = std::strtoul(user.c_str(), &end, 10);
    if (!user.empty() && *end == '\0') pw = getpwuid(static_cast<uid_t>(uid));
  }
  if (pw == nullptr) return Error("Couldn't find user '" + user + "'", Error::Kind::kBadArgument);
  if (pw->pw_uid == 0 || (pw->pw_uid == getuid() && pw->pw_uid == geteuid())) return Ok();
  const std::string who = "Couldn't change to '" + user + "' uid=" + std::to_string(pw->pw_uid) +
                          " gid=" + std::to_string(pw->pw_gid);
  if (initgroups(pw->pw_name, pw->pw_gid) != 0) return sys::LastError(who + ": initgroups");
  if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0) return sys::LastError(who + ": setgid");
  if (setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0) return sys::LastError(who + ": setuid");
  // No way back: the saved ids are gone, and exec'd programs (-z) cannot gain privileges either.
  (void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  if (setuid(0) == 0 || geteuid() != pw->pw_uid || !HasNoCapabilities())
    return Error(who + ": privileges are still held after the change");
  return Ok();
}

}  // namespace ringdump
