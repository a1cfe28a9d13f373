// Harness: cli::ParseOptions on an argv made of the input split at NUL bytes (argv[0] is "ringdump").
// Parsing must never crash, exit or print; any result (options or an Error) is fine.
#include <getopt.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args{"ringdump"};
  std::string cur;
  for (size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0) {
      args.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(char(data[i]));
    }
  }
  if (!cur.empty()) args.push_back(cur);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // ParseOptions sets optind = 1, which does not reset glibc's pointer into a half-parsed option cluster
  // ("-\rC100" stops at '\r' with "C100" pending): the next call would read the previous, freed argv. Reset
  // it here (optind = 0 reinitialises) until options.cpp does; FUZZ_KEEP_GETOPT_STATE=1 reproduces the bug
  // with fuzz/crashes/fuzz_cli_options/getopt-state-*.
  if (std::getenv("FUZZ_KEEP_GETOPT_STATE") == nullptr) {
    char dummy_name[] = "x";
    char* dummy[] = {dummy_name, nullptr};
    optind = 0;
    opterr = 0;
    getopt(1, dummy, "");
  }
  auto r = ringdump::cli::ParseOptions(int(args.size()), argv.data());
  (void)r;
  return 0;
}
