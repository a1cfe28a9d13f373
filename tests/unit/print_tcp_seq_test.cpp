// TcpSeqTable: tcpdump's relative sequence numbers. The first ACK-carrying packet of a connection (or
// any SYN) records the bases; later packets in either direction print relative to them.
#include <gtest/gtest.h>

#include "tcp_seq.hpp"

namespace ringdump::print {
namespace {

const uint8_t kA[4] = {10, 0, 0, 1};
const uint8_t kB[4] = {10, 0, 0, 2};

TEST(PrintTcpSeq, SynAckRecordsBasesAndLaterPacketsAreRelative) {
  TcpSeqTable t;
  bool rev = false;
  // SYN-ACK from the server (port 80 < 40000: the key's direction is server -> client, rev false).
  uint32_t seq = 5000, ack = 1001;
  t.Track(kB, kA, 4, 80, 40000, true, seq, ack, rev);
  EXPECT_FALSE(rev);
  EXPECT_EQ(seq, 5000u);  // the recording packet prints absolute numbers, as in tcpdump
  // The client's ACK: reversed direction, seq relative to the client's ISN, ack to the server's.
  seq = 1001;
  ack = 5001;
  t.Track(kA, kB, 4, 40000, 80, false, seq, ack, rev);
  EXPECT_TRUE(rev);
  EXPECT_EQ(seq, 1u);
  EXPECT_EQ(ack, 1u);
  // More data from the server.
  seq = 5001 + 100;
  ack = 1001 + 61;
  t.Track(kB, kA, 4, 80, 40000, false, seq, ack, rev);
  EXPECT_EQ(seq, 101u);
  EXPECT_EQ(ack, 62u);  // the client's base is its SYN's sequence number (ack - 1 of the SYN-ACK)
}

TEST(PrintTcpSeq, ConnectionsAreIndependentAndSynResets) {
  TcpSeqTable t;
  bool rev;
  uint32_t seq = 100, ack = 200;
  t.Track(kA, kB, 4, 1000, 2000, false, seq, ack, rev);
  uint32_t seq2 = 7000, ack2 = 8000;
  t.Track(kA, kB, 4, 1001, 2000, false, seq2, ack2, rev);
  EXPECT_EQ(seq2, 7000u);  // a new connection records its own bases
  seq = 150;
  ack = 250;
  t.Track(kA, kB, 4, 1000, 2000, false, seq, ack, rev);
  EXPECT_EQ(seq, 50u);
  EXPECT_EQ(ack, 51u);  // ack base is ack - 1
  // A SYN on an existing key re-records the bases.
  seq = 9000;
  ack = 9500;
  t.Track(kA, kB, 4, 1000, 2000, true, seq, ack, rev);
  EXPECT_EQ(seq, 9000u);
  seq = 9010;
  ack = 9510;
  t.Track(kA, kB, 4, 1000, 2000, false, seq, ack, rev);
  EXPECT_EQ(seq, 10u);
  EXPECT_EQ(ack, 11u);
}

TEST(PrintTcpSeq, EqualPortsOrderByAddress) {
  TcpSeqTable t;
  bool rev;
  uint32_t seq = 10, ack = 20;
  t.Track(kB, kA, 4, 5000, 5000, false, seq, ack, rev);
  EXPECT_TRUE(rev);  // 10.0.0.2 > 10.0.0.1 byte-wise
  seq = 21;
  ack = 12;
  t.Track(kA, kB, 4, 5000, 5000, false, seq, ack, rev);
  EXPECT_FALSE(rev);
  EXPECT_EQ(seq, 2u);
  EXPECT_EQ(ack, 2u);
}

}  // namespace
}  // namespace ringdump::print
