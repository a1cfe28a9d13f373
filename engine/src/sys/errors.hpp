// The one place where errno values and negative io_uring results become Errors.
#pragma once

#include <string>

#include "ringdump/result.hpp"

namespace ringdump::sys {

// "what: strerror(err)", with a Kind chosen from err (EPERM/EACCES -> kPermission, ENOSPC -> kNoSpace, ...).
Error ErrnoError(const std::string& what, int err);
// The same for the current errno.
Error LastError(const std::string& what);
// For io_uring completion results (cqe->res < 0).
inline Error CqeError(const std::string& what, int res) { return ErrnoError(what, -res); }

}  // namespace ringdump::sys
