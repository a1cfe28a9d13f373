// Dropping privileges after the sockets are open (tcpdump -Z): supplementary groups, gid, uid, and with them
// every capability. Verified after the fact: a drop that did not happen is an error, never a warning.
#pragma once

#include <string>

#include "ringdump/result.hpp"

namespace ringdump {

// Becomes `user` (name or numeric uid). "root" or the current user changes nothing.
Status DropPrivileges(const std::string& user);

}  // namespace ringdump
