// Writing and reading the binary case file (.mtc); schema and framing in moneytrail.proto.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

inline constexpr std::uint32_t kCaseFormatVersion = 1;
inline constexpr std::string_view kCaseMagic = "MTCASE\r\n";
/// Largest frame a reader accepts (a writer never comes near it: chunks hold 65,536 rows).
inline constexpr std::uint32_t kMaxCaseFrameBytes = 1u << 30;

/// Provenance recorded in the case file header.
struct CaseProvenance {
  std::string command_line;
  struct Input {
    std::string path;
    std::uint64_t bytes = 0;
    std::string format;
    std::uint64_t rows = 0;
    std::uint64_t rejected = 0;
    std::string sha256;
  };
  std::vector<Input> inputs;
};

struct CaseFile {
  TransactionGraph graph;
  CaseProvenance provenance;
  std::uint32_t format_version = 0;
  std::string producer;
  std::string sha256;  // of the case file itself, hashed as it was read
};

/// Writes to `path` + ".partial" and renames, so a killed run never leaves a truncated case
/// file under the final name. Throws std::runtime_error on I/O failure.
void write_case_file(const std::string& path, const TransactionGraph& graph,
                     const CaseProvenance& provenance);
/// The same bytes to a stream (standard output for `ingest -o -`).
void write_case(std::ostream& out, const TransactionGraph& graph, const CaseProvenance& provenance);

/// Throws InputError for a file that is not a case file, is newer than this version, is truncated
/// or fails a checksum.
CaseFile read_case_file(const std::string& path);

/// True when the file starts with the case-file magic.
bool is_case_file(const std::string& path);

}  // namespace moneytrail
