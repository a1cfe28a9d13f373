// What file sets (RotatingSink) need from FileSink beyond one file's life: a file is made ahead of time under
// a placeholder name, so that a rotation is a pointer swap; it learns its real name when it is put to use
// (Retarget), or is thrown away unused (Discard).
#include "file_sink.hpp"
#include "file_sink_queue.hpp"

namespace ringdump {

// Only the final name changes: the file is still written under its hidden temporary name and renamed to
// `path` at Finish(). Outputs written in place (standard output, FIFOs) keep their name.
void FileSink::Retarget(const std::string& path) {
  if (!files_.temp_path.empty()) files_.path = path;
}

// Waits for the writes in flight (their buffers must outlive them), then closes and removes the temporary
// file. Finish() returns Ok() and does nothing afterwards.
void FileSink::Discard() {
  if (finished_) return;
  finished_ = true;
  if (!ordered_) DrainAll();
  DiscardOutput(files_);
}

}  // namespace ringdump
