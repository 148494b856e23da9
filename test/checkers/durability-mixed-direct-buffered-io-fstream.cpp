// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=c++17 -D_GNU_SOURCE

// The buffered openers of C++: the constructors and open() members of
// ifstream, ofstream, fstream and basic_filebuf. There is no fix-it.

#include <fcntl.h>
#include <fstream>
#include <string>

struct Table {
  std::string path;
};

int tableOpen(const Table &t) { return ::open(t.path.c_str(), O_RDWR | O_DIRECT); }

void tableDump(const Table &t) {
  std::ifstream in(t.path);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 't.path' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
  // CHECK-NOTES: :[[@LINE-5]]:40: note: 't.path.c_str()' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead and align its buffers and offsets, or drop O_DIRECT
}

void tableAppend(const Table &t) {
  std::ofstream out(t.path, std::ios::app);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 't.path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-11]]:40: note: {{.*}}
}

void tableRepair(const Table &t) {
  std::fstream io;
  io.open(t.path, std::ios::in | std::ios::out);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't.path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-18]]:40: note: {{.*}}
}

void tableScan(const Table &t) {
  std::filebuf buf;
  buf.open(t.path, std::ios::in);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't.path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-25]]:40: note: {{.*}}
}

void tableCopy(const Table &t) {
  std::wifstream in(t.path.c_str());
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: 't.path.c_str()' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-31]]:40: note: {{.*}}
}
