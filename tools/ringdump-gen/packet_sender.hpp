// Puts frames on the wire through one AF_PACKET socket bound to an interface, either through a TPACKET_V2
// PACKET_TX_RING (frames are written straight into the shared ring, one send() kicks a whole batch) or with
// sendmmsg() from ordinary buffers. PACKET_QDISC_BYPASS is requested where the kernel allows it. The socket
// is opened with protocol 0, so it never receives: the generator does not disturb captures in its namespace.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "frame.hpp"
#include "gen_options.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump::gen {

struct InterfaceInfo {
  int index = 0;
  int mtu = 0;
  MacAddress mac{};
};

// The interface's index, MTU and address, or a message naming it ("veth0: No such device").
std::optional<InterfaceInfo> LookUpInterface(const std::string& name, std::string* error);

class PacketSender {
 public:
  // Writes frame k of a batch into buf (capacity max_frame_size) and returns its length.
  using FillFn = std::function<size_t(size_t k, uint8_t* buf)>;

  PacketSender() = default;
  PacketSender(PacketSender&&) noexcept;
  PacketSender& operator=(PacketSender&&) noexcept;
  ~PacketSender();

  // Opens the socket for frames of at most max_frame_size bytes. Empty string on success, else the reason.
  std::string Open(const InterfaceInfo& iface, const std::string& name, SendMethod method, bool qdisc_bypass,
                   size_t max_frame_size);

  // Sends n frames and waits until the kernel has taken them all. Returns the number sent; on failure fewer,
  // with *error set.
  size_t Send(size_t n, const FillFn& fill, std::string* error);

  bool qdisc_bypass() const { return bypass_; }
  const char* method_name() const { return ring_ != nullptr ? "PACKET_TX_RING" : "sendmmsg"; }

 private:
  size_t SendRing(size_t n, const FillFn& fill, std::string* error);
  size_t SendMmsg(size_t n, const FillFn& fill, std::string* error);

  sys::UniqueFd fd_;
  std::string name_;
  bool bypass_ = false;
  size_t max_frame_size_ = 0;
  // TX ring state.
  uint8_t* ring_ = nullptr;
  size_t ring_bytes_ = 0;
  size_t frame_size_ = 0;
  size_t frame_count_ = 0;
  size_t head_ = 0;
  size_t data_offset_ = 0;
  // sendmmsg state.
  std::vector<uint8_t> buffers_;
};

}  // namespace ringdump::gen
