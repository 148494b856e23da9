// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=c++17 -D_GNU_SOURCE

// A constexpr path in C++, opened with ::open and O_DIRECT, then read with
// std::fopen.

#include <cstdio>
#include <fcntl.h>

namespace store {
constexpr const char *kSegment = "/srv/seg.000";
constexpr char kSegmentCopy[] = "/srv/seg.000";

int segmentOpen() { return ::open(kSegment, O_RDWR | O_DIRECT); }

// Positive: the same constexpr variable.
std::FILE *segmentDump() { return std::fopen(kSegment, "rb"); }
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'kSegment' is also opened with O_DIRECT; {{.*}}

// Positive: a constexpr array with the same literal.
int segmentCheck() { return ::open(kSegmentCopy, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'kSegmentCopy' is also opened with O_DIRECT; {{.*}}
} // namespace store
