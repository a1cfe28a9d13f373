// The generator's fast path. TX ring: each slot is a tpacket2_hdr followed by the frame; user space owns a
// slot while its status is TP_STATUS_AVAILABLE, hands it over with TP_STATUS_SEND_REQUEST (release order so
// the kernel sees the bytes first) and kicks the kernel with send(). A blocking send() returns when every
// requested slot went out, which keeps the accounting exact. sendmmsg is the portable fallback.
#include "packet_sender.hpp"

#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace ringdump::gen {
namespace {

constexpr size_t kRingBytes = 4u << 20;
constexpr size_t kMmsgBatch = 64;

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

size_t RoundUpPow2(size_t v, size_t min) {
  size_t p = min;
  while (p < v) p <<= 1;
  return p;
}

}  // namespace

std::optional<InterfaceInfo> LookUpInterface(const std::string& name, std::string* error) {
  if (name.size() >= IFNAMSIZ) {
    *error = name + ": interface name too long";
    return std::nullopt;
  }
  sys::UniqueFd fd(::socket(AF_INET, SOCK_DGRAM, 0));
  if (!fd.valid()) {
    *error = Errno("socket");
    return std::nullopt;
  }
  InterfaceInfo info;
  ifreq req{};
  std::strncpy(req.ifr_name, name.c_str(), IFNAMSIZ - 1);
  if (::ioctl(fd.get(), SIOCGIFINDEX, &req) < 0) {
    *error = Errno(name);
    return std::nullopt;
  }
  info.index = req.ifr_ifindex;
  if (::ioctl(fd.get(), SIOCGIFMTU, &req) < 0) {
    *error = Errno(name + ": SIOCGIFMTU");
    return std::nullopt;
  }
  info.mtu = req.ifr_mtu;
  if (::ioctl(fd.get(), SIOCGIFHWADDR, &req) < 0) {
    *error = Errno(name + ": SIOCGIFHWADDR");
    return std::nullopt;
  }
  std::memcpy(info.mac.data(), req.ifr_hwaddr.sa_data, 6);
  return info;
}

PacketSender::PacketSender(PacketSender&& other) noexcept { *this = std::move(other); }

PacketSender& PacketSender::operator=(PacketSender&& other) noexcept {
  if (this == &other) return *this;
  if (ring_ != nullptr) ::munmap(ring_, ring_bytes_);
  fd_ = std::move(other.fd_);
  name_ = std::move(other.name_);
  bypass_ = other.bypass_;
  max_frame_size_ = other.max_frame_size_;
  ring_ = std::exchange(other.ring_, nullptr);
  ring_bytes_ = other.ring_bytes_;
  frame_size_ = other.frame_size_;
  frame_count_ = other.frame_count_;
  head_ = other.head_;
  data_offset_ = other.data_offset_;
  buffers_ = std::move(other.buffers_);
  return *this;
}

PacketSender::~PacketSender() {
  if (ring_ != nullptr) ::munmap(ring_, ring_bytes_);
}

std::string PacketSender::Open(const InterfaceInfo& iface, const std::string& name, SendMethod method,
                               bool qdisc_bypass, size_t max_frame_size) {
  name_ = name;
  max_frame_size_ = max_frame_size;
  // Protocol 0: a send-only socket; nothing is queued to it for reception.
  fd_.reset(::socket(AF_PACKET, SOCK_RAW, 0));
  if (!fd_.valid()) return Errno("socket(AF_PACKET)");
  if (qdisc_bypass) {
    int one = 1;
    bypass_ = ::setsockopt(fd_.get(), SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) == 0;
  }
  if (method == SendMethod::kTxRing) {
    int version = TPACKET_V2;
    if (::setsockopt(fd_.get(), SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) < 0) {
      return Errno("PACKET_VERSION");
    }
    // Without PACKET_TX_HAS_OFF the kernel reads the frame right after the aligned tpacket2_hdr.
    data_offset_ = TPACKET2_HDRLEN - sizeof(sockaddr_ll);
    frame_size_ = RoundUpPow2(data_offset_ + max_frame_size, 256);
    size_t block_size = frame_size_ < 4096 ? 4096 : frame_size_;
    tpacket_req req{};
    req.tp_block_size = static_cast<unsigned>(block_size);
    req.tp_block_nr = static_cast<unsigned>(kRingBytes / block_size);
    req.tp_frame_size = static_cast<unsigned>(frame_size_);
    req.tp_frame_nr = static_cast<unsigned>(req.tp_block_nr * (block_size / frame_size_));
    if (::setsockopt(fd_.get(), SOL_PACKET, PACKET_TX_RING, &req, sizeof(req)) < 0)
      return Errno("PACKET_TX_RING");
    frame_count_ = req.tp_frame_nr;
    ring_bytes_ = static_cast<size_t>(req.tp_block_nr) * block_size;
    void* map = ::mmap(nullptr, ring_bytes_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);
    if (map == MAP_FAILED) return Errno("mmap(PACKET_TX_RING)");
    ring_ = static_cast<uint8_t*>(map);
  } else {
    buffers_.assign(kMmsgBatch * max_frame_size, 0);
  }
  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_ifindex = iface.index;
  addr.sll_protocol = 0;
  if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0) return Errno("bind " + name);
  return {};
}

size_t PacketSender::Send(size_t n, const FillFn& fill, std::string* error) {
  return ring_ != nullptr ? SendRing(n, fill, error) : SendMmsg(n, fill, error);
}

size_t PacketSender::SendRing(size_t n, const FillFn& fill, std::string* error) {
  size_t queued = 0;
  auto kick = [&]() -> bool {
    // Blocking: returns once every SEND_REQUEST slot has been transmitted (or failed).
    if (::send(fd_.get(), nullptr, 0, 0) < 0) {
      *error = Errno("send " + name_);
      return false;
    }
    return true;
  };
  for (size_t k = 0; k < n; ++k) {
    auto* hdr = reinterpret_cast<tpacket2_hdr*>(ring_ + head_ * frame_size_);
    uint32_t status = __atomic_load_n(&hdr->tp_status, __ATOMIC_ACQUIRE);
    if (status != TP_STATUS_AVAILABLE) {
      if (!kick()) return k;
      status = __atomic_load_n(&hdr->tp_status, __ATOMIC_ACQUIRE);
      if (status == TP_STATUS_WRONG_FORMAT) {
        *error = name_ + ": the kernel rejected a frame (TP_STATUS_WRONG_FORMAT)";
        return k;
      }
      if (status != TP_STATUS_AVAILABLE) {
        *error = name_ + ": TX ring slot still busy after send()";
        return k;
      }
    }
    size_t len = fill(k, reinterpret_cast<uint8_t*>(hdr) + data_offset_);
    hdr->tp_len = static_cast<uint32_t>(len);
    hdr->tp_snaplen = static_cast<uint32_t>(len);
    __atomic_store_n(&hdr->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
    head_ = (head_ + 1) % frame_count_;
    ++queued;
  }
  if (queued > 0 && !kick()) return 0;
  return n;
}

size_t PacketSender::SendMmsg(size_t n, const FillFn& fill, std::string* error) {
  size_t sent = 0;
  mmsghdr msgs[kMmsgBatch];
  iovec iovs[kMmsgBatch];
  while (sent < n) {
    size_t batch = n - sent < kMmsgBatch ? n - sent : kMmsgBatch;
    for (size_t j = 0; j < batch; ++j) {
      uint8_t* buf = buffers_.data() + j * max_frame_size_;
      iovs[j] = {buf, fill(sent + j, buf)};
      msgs[j] = {};
      msgs[j].msg_hdr.msg_iov = &iovs[j];
      msgs[j].msg_hdr.msg_iovlen = 1;
    }
    size_t done = 0;
    while (done < batch) {
      int r = ::sendmmsg(fd_.get(), msgs + done, static_cast<unsigned>(batch - done), 0);
      if (r < 0) {
        if (errno == EINTR) continue;
        if (errno == ENOBUFS) {
          ::usleep(100);  // the device queue is full: let it drain rather than lose the frame
          continue;
        }
        *error = Errno("sendmmsg " + name_);
        return sent + done;
      }
      done += static_cast<size_t>(r);
    }
    sent += batch;
  }
  return sent;
}

}  // namespace ringdump::gen
