// Output files of FileSink: open under a hidden name, commit by rename (see file_sink_output.hpp).
#include "file_sink_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "repair.hpp"
#include "sys/errors.hpp"

namespace ringdump {
namespace {

std::string DirOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Non-regular outputs (FIFO, terminal, /dev/null) are written where they are, without offsets.
Result<OutputFiles> OpenStream(const WriterConfig& config) {
  OutputFiles files;
  files.path = config.path;
  files.streaming = true;
  if (config.path == "-") {
    // A duplicate, so closing it at Finish leaves the process's standard output alone.
    files.fd.reset(fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0));
    if (!files.fd.valid()) return sys::LastError("dup").Context("standard output");
    return files;
  }
  files.fd.reset(open(config.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
  if (!files.fd.valid()) return sys::LastError("open").Context(config.path);
  return files;
}

// The O_DIRECT twin of `files.fd`, opened by name and checked to be the same inode.
Status OpenDirect(OutputFiles& files) {
  sys::UniqueFd direct(open(files.temp_path.c_str(), O_WRONLY | O_DIRECT | O_NOFOLLOW | O_CLOEXEC));
  if (!direct.valid()) {
    if (errno == EINVAL || errno == EOPNOTSUPP) return Ok();  // e.g. old tmpfs: buffered writes
    return sys::LastError("open O_DIRECT " + files.temp_path);
  }
  struct stat a, b;
  if (fstat(files.fd.get(), &a) < 0 || fstat(direct.get(), &b) < 0)
    return sys::LastError("fstat " + files.temp_path);
  if (a.st_dev != b.st_dev || a.st_ino != b.st_ino)
    return Error(files.temp_path + " was replaced while it was being opened");
  files.direct_fd = std::move(direct);
  return Ok();
}

// True when `path` (not followed if it is a link) is the file open on `fd`.
bool NamesOpenFile(int fd, const std::string& path) {
  struct stat held, named;
  return fstat(fd, &held) == 0 && lstat(path.c_str(), &named) == 0 && S_ISREG(named.st_mode) &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

// The hidden name no longer leads to the file this process wrote (replaced by a link, moved, removed): nothing
// at that name is renamed into place. The bytes are still reachable through the open descriptor, so they are
// linked in under the final name if it is free, else beside it; the error says where they are.
Status RescueReplacedFile(OutputFiles& files) {
  const std::string fd_path = "/proc/self/fd/" + std::to_string(files.fd.get());
  std::string saved;
  for (const std::string& name : {files.path, files.path + ".rescued-" + std::to_string(getpid())}) {
    if (linkat(AT_FDCWD, fd_path.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      saved = name;
      break;
    }
  }
  files.fd.reset();
  files.data_lost = saved.empty();
  return Error(files.temp_path + " is no longer the file being written (it was replaced or moved while capturing): " +
                   "not renamed to " + files.path + "; " +
                   (saved.empty() ? "the captured data could not be kept" : "the captured data was saved as " + saved),
               Error::Kind::kIo);
}

}  // namespace

std::string TempPathFor(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + name + ".part";
}

Result<OutputFiles> OpenOutput(const WriterConfig& config, bool want_direct) {
  if (config.path.empty()) return Error("no output file given", Error::Kind::kBadArgument);
  struct stat st;
  if (config.path == "-") return OpenStream(config);
  if (stat(config.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Error(config.path + ": is a directory", Error::Kind::kBadArgument);
    if (!S_ISREG(st.st_mode)) return OpenStream(config);
  }
  OutputFiles files;
  files.path = config.path;
  // -U means "I read this file while it is written" (tail, tcpdump -r): it is written under its own name.
  // Otherwise under a hidden name, renamed when complete, so no reader ever sees half a file.
  files.temp_path = config.packet_buffered ? config.path : TempPathFor(config.path);
  const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (config.packet_buffered ? O_TRUNC : O_EXCL);
  files.fd.reset(open(files.temp_path.c_str(), flags, config.file_mode));
  if (!files.fd.valid() && errno == EEXIST) {
    // Left behind by a capture that crashed: its packets are kept under a visible name, never overwritten.
    auto kept = KeepLeftover(files.temp_path);
    if (!kept.ok()) return std::move(kept).error().Context(config.path);
    files.note = kept.value();
    files.fd.reset(open(files.temp_path.c_str(), flags, config.file_mode));
  }
  if (!files.fd.valid()) return sys::LastError("open " + files.temp_path).Context(config.path);
  if (config.file_group >= 0) {  // a group of readers: theirs, and readable by them (0640), not by the world
    if (fchown(files.fd.get(), static_cast<uid_t>(-1), static_cast<gid_t>(config.file_group)) < 0 ||
        fchmod(files.fd.get(), 0640) < 0) {
      Error error = sys::LastError("group " + std::to_string(config.file_group) + " for " + files.temp_path);
      DiscardOutput(files);
      return std::move(error).Context(config.path);
    }
  }
  if (want_direct) {
    if (Status status = OpenDirect(files); !status.ok()) {
      DiscardOutput(files);
      return std::move(status).error().Context(config.path);
    }
  }
  return files;
}

Status CommitOutput(OutputFiles& files) {
  files.direct_fd.reset();
  if (files.streaming) {
    if (close(files.fd.release()) < 0) return sys::LastError("close").Context(files.name());
    return Ok();
  }
  // A failed sync or close is reported, but the file is still renamed: it holds what could be written, and
  // a hidden ".part" file is what users of other capture tools were left to find by hand.
  Status status = Ok();
  if (fdatasync(files.fd.get()) < 0)
    status = sys::LastError("fdatasync " + files.temp_path).Context(files.path);
  if (files.temp_path == files.path) {  // -U: written in place
    if (close(files.fd.release()) < 0 && status.ok())
      status = sys::LastError("close " + files.temp_path).Context(files.path);
    return status;
  }
  if (!NamesOpenFile(files.fd.get(), files.temp_path)) return RescueReplacedFile(files);
  if (rename(files.temp_path.c_str(), files.path.c_str()) < 0) {
    Error error = sys::LastError("rename " + files.temp_path + " to " + files.path);
    files.data_lost = !NamesOpenFile(files.fd.get(), files.temp_path);  // e.g. the directory was removed
    files.fd.reset();
    return error;
  }
  // Between the check and the rename the hidden name could have been swapped: what got the final name?
  if (!NamesOpenFile(files.fd.get(), files.path)) return RescueReplacedFile(files);
  if (close(files.fd.release()) < 0 && status.ok())
    status = sys::LastError("close " + files.temp_path).Context(files.path);
  // The rename itself must survive a crash too.
  sys::UniqueFd dir(open(DirOf(files.path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) fsync(dir.get());
  return status;
}

void DiscardOutput(OutputFiles& files) {
  files.direct_fd.reset();
  files.fd.reset();
  if (!files.temp_path.empty()) unlink(files.temp_path.c_str());
}

Status WriteFully(int fd, std::span<iovec> iov) {
  size_t i = 0;
  while (i < iov.size()) {
    const ssize_t n = writev(fd, iov.data() + i, static_cast<int>(iov.size() - i));
    if (n < 0) {
      if (errno == EINTR) continue;
      return sys::LastError("write");
    }
    size_t left = static_cast<size_t>(n);
    while (i < iov.size() && left >= iov[i].iov_len) left -= iov[i++].iov_len;
    if (left > 0) {
      iov[i].iov_base = static_cast<uint8_t*>(iov[i].iov_base) + left;
      iov[i].iov_len -= left;
    }
  }
  return Ok();
}

int PwriteFully(int fd, const uint8_t* data, size_t size, uint64_t offset) {
  while (size > 0) {
    const ssize_t n = pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (n == 0) return -EIO;
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return 0;
}

}  // namespace ringdump
