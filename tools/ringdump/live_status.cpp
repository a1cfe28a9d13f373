// Terminal side of the live status line (see live_status.hpp). The text comes from FormatStatusLine; this
// file only knows about carriage returns, erase-to-end-of-line and the terminal's width.
#include "live_status.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace ringdump::cli {
namespace {

constexpr const char* kEraseLine = "\r\033[K";

// A line longer than the terminal wraps, and "\r" then rewrites only the last part: cut it to the width.
size_t TerminalWidth(FILE* stream) {
  struct winsize ws {};
  if (ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1) return ws.ws_col - 1;
  return 79;
}

}  // namespace

bool LiveStatus::Wanted(FILE* stream, bool quiet, bool writing_file) {
  return writing_file && !quiet && isatty(fileno(stream)) == 1;
}

void LiveStatus::Update(const StatsSnapshot& previous, const StatsSnapshot& current) {
  std::string line = FormatStatusLine(previous, current);
  const size_t width = TerminalWidth(stream_);
  if (line.size() > width) line.resize(width);
  std::fputs(kEraseLine, stream_);
  std::fputs(line.c_str(), stream_);
  std::fflush(stream_);
  shown_ = true;
}

void LiveStatus::Clear() {
  if (!shown_) return;
  std::fputs(kEraseLine, stream_);
  std::fflush(stream_);
  shown_ = false;
}

}  // namespace ringdump::cli
