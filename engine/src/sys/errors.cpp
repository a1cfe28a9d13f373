// errno -> Error, in one place.
#include "sys/errors.hpp"

#include <cerrno>
#include <cstring>

namespace ringdump::sys {

Error ErrnoError(const std::string& what, int err) {
  Error::Kind kind = Error::Kind::kGeneric;
  switch (err) {
    case EPERM:
    case EACCES:
      kind = Error::Kind::kPermission;
      break;
    case ENODEV:
    case ENXIO:
      kind = Error::Kind::kNoSuchDevice;
      break;
    case ENETDOWN:
      kind = Error::Kind::kDeviceDown;
      break;
    case ENOSPC:
    case EDQUOT:
      kind = Error::Kind::kNoSpace;
      break;
    case EIO:
      kind = Error::Kind::kIo;
      break;
    case ENOMEM:
      kind = Error::Kind::kNoMemory;
      break;
    default:
      break;
  }
  return Error(what + ": " + std::strerror(err), kind);
}

Error LastError(const std::string& what) { return ErrnoError(what, errno); }

}  // namespace ringdump::sys
