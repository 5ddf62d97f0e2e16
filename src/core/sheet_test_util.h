// Test-only helpers for core/sheet tests: build .xlsx packages part by part (minizip's writer, through a private
// temporary file) and read a part back, so tests can make the files Excel, WPS or an attacker would.
#pragma once

#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace jiceng::sheet::testing {

inline std::string TempPath(const char* stem) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(stem) + "-XXXXXX")).string();
  int fd = ::mkstemp(path.data());
  if (fd >= 0) ::close(fd);
  return path;
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A zip written entry by entry; Raw() entries carry deflate data made elsewhere (the zip bomb).
class ZipBuilder {
 public:
  ZipBuilder() : path_(TempPath("jiceng-ziptest")) { zip_ = zipOpen(path_.c_str(), APPEND_STATUS_CREATE); }
  ~ZipBuilder() {
    if (zip_) zipClose(zip_, nullptr);
    ::unlink(path_.c_str());
  }
  ZipBuilder& Add(const std::string& name, const std::string& data) {
    zip_fileinfo info = {};
    zipOpenNewFileInZip(zip_, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6);
    zipWriteInFileInZip(zip_, data.data(), static_cast<unsigned>(data.size()));
    zipCloseFileInZip(zip_);
    return *this;
  }
  // `deflated` is a raw deflate stream of `size` bytes whose CRC is `crc`.
  ZipBuilder& Raw(const std::string& name, const std::string& deflated, uint64_t size, uint32_t crc) {
    zip_fileinfo info = {};
    zipOpenNewFileInZip2(zip_, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6, 1);
    for (size_t off = 0; off < deflated.size(); off += 1 << 20) {
      size_t n = std::min<size_t>(1 << 20, deflated.size() - off);
      zipWriteInFileInZip(zip_, deflated.data() + off, static_cast<unsigned>(n));
    }
    zipCloseFileInZipRaw(zip_, static_cast<uLong>(size), crc);
    return *this;
  }
  std::string Bytes() {
    zipClose(zip_, nullptr);
    zip_ = nullptr;
    return Slurp(path_);
  }

 private:
  std::string path_;
  zipFile zip_ = nullptr;
};

inline const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
inline const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
inline const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
inline const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

inline std::string SheetXml(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

inline std::string SstXml(const std::string& items) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
         items + "</sst>";
}

// A minimal package: the standard parts plus the given sheet (and shared strings / styles when not empty).
inline std::string MakeXlsx(const std::string& sheet_xml, const std::string& sst_xml = "",
                            const std::string& styles_xml = "") {
  ZipBuilder zip;
  zip.Add("[Content_Types].xml", kContentTypes).Add("_rels/.rels", kRootRels).Add("xl/workbook.xml", kWorkbook);
  zip.Add("xl/_rels/workbook.xml.rels", kWorkbookRels).Add("xl/worksheets/sheet1.xml", sheet_xml);
  if (!sst_xml.empty()) zip.Add("xl/sharedStrings.xml", sst_xml);
  if (!styles_xml.empty()) zip.Add("xl/styles.xml", styles_xml);
  return zip.Bytes();
}

// One part of a zip held in memory, or "" when it is missing.
inline std::string Part(const std::string& zip_bytes, const std::string& name) {
  std::string path = TempPath("jiceng-ziptest");
  std::ofstream(path, std::ios::binary) << zip_bytes;
  std::string out;
  if (unzFile z = unzOpen(path.c_str())) {
    if (unzLocateFile(z, name.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
      char buf[65536];
      int n;
      while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) out.append(buf, n);
      unzCloseCurrentFile(z);
    }
    unzClose(z);
  }
  ::unlink(path.c_str());
  return out;
}

}  // namespace jiceng::sheet::testing
