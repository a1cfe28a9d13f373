// Opening and closing FileSink's output: the hidden temporary file (".NAME.part" beside NAME, created
// O_CREAT|O_EXCL|O_NOFOLLOW), its second O_DIRECT descriptor when the filesystem allows one, standard output
// and other non-seekable outputs (FIFOs, terminals, devices), and the final fsync + rename that makes a file
// appear under its real name only once it is complete. Every error names the file.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <span>
#include <string>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {

struct OutputFiles {
  std::string path;         // as given ("-" for standard output)
  std::string temp_path;    // ".NAME.part" while writing a regular file; empty for streams
  sys::UniqueFd fd;         // buffered descriptor: stream writes, -U flushes, the tail, truncation, fsync
  sys::UniqueFd direct_fd;  // O_DIRECT descriptor of the same file, when it could be opened
  bool streaming = false;   // no offsets: records are appended in order with write(2)
  bool data_lost = false;   // set by CommitOutput when the file could be kept under no name at all
  std::string note;         // what OpenOutput did with a crashed run's file at the hidden name ("" if none)

  // For messages: the path, or "standard output".
  std::string name() const { return path == "-" ? "standard output" : path; }
};

// "dir/.NAME.part" for "dir/NAME".
std::string TempPathFor(const std::string& path);

// Opens the output named by config.path. A regular file (new or existing) is created under its temporary
// name; "-" and existing non-regular files are written in place, in order. With want_direct, an O_DIRECT
// descriptor is opened too; EINVAL (no O_DIRECT on this filesystem) silently leaves it closed.
Result<OutputFiles> OpenOutput(const WriterConfig& config, bool want_direct);

// Regular files: fdatasync, rename the temporary file to its final name (only while that name is still the
// file this process holds open: a hidden name replaced meanwhile, e.g. by a symlink, is refused with an
// error, and the data is linked in from the open descriptor instead where a free name allows), fsync the
// directory, close. Streams: close. The files are closed afterwards whatever happened; data_lost says
// whether the capture's bytes survive under any name.
Status CommitOutput(OutputFiles& files);

// Closes and removes the temporary file (setup failed: leave nothing behind).
void DiscardOutput(OutputFiles& files);

// write(2)/writev(2) until everything is out, across EINTR and partial writes.
Status WriteFully(int fd, std::span<iovec> iov);

// pwrite(2) until everything is out. Returns 0 or -errno (ENOSPC/EIO...), like a completion result.
int PwriteFully(int fd, const uint8_t* data, size_t size, uint64_t offset);

}  // namespace ringdump
