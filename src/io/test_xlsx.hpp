#pragma once
// Builds .xlsx packages part by part for tests (libzip), so each reader case is written out in XML.

#include <zip.h>

#include <filesystem>
#include <map>
#include <string>

namespace orientir::io::testing {

inline void WriteZip(const std::string& path, const std::map<std::string, std::string>& parts) {
    std::filesystem::remove(path);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (const auto& [name, body] : parts) {
        zip_source_t* s = zip_source_buffer(z, body.data(), body.size(), 0);
        zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);  // reads the buffers now, while PARTS is alive
}

// A workbook of one sheet NAME with SHEET_DATA inside <sheetData>, the shared strings SST (<si>…</si>…)
// and cell formats: style 1 is a date (numFmt 14), style 2 a custom "dd.mm.yyyy", style 3 a number "0.00".
inline std::map<std::string, std::string> Workbook(const std::string& name, const std::string& sheet_data,
                                                   const std::string& sst = "", const std::string& extra_pr = "") {
    const std::string ns = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
    const std::string rns = R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
    std::map<std::string, std::string> parts;
    parts["[Content_Types].xml"] =
        R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
    parts["xl/workbook.xml"] = "<?xml version=\"1.0\"?><workbook " + ns + " " + rns + "><workbookPr " + extra_pr +
                               "/><sheets><sheet name=\"" + name +
                               "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] =
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
    parts["xl/styles.xml"] = "<?xml version=\"1.0\"?><styleSheet " + ns +
                             "><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd\\.mm\\.yyyy\"/>"
                             "<numFmt numFmtId=\"165\" formatCode=\"0.00\"/></numFmts>"
                             "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
                             "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
                             "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";
    if (!sst.empty()) parts["xl/sharedStrings.xml"] = "<?xml version=\"1.0\"?><sst " + ns + ">" + sst + "</sst>";
    parts["xl/worksheets/sheet1.xml"] =
        "<?xml version=\"1.0\"?><worksheet " + ns + "><sheetData>" + sheet_data + "</sheetData></worksheet>";
    return parts;
}

// <c r="REF" t="inlineStr"><is><t>TEXT</t></is></c>
inline std::string Str(const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

inline std::string TempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("orientir-io-test-" + name)).string();
}

}  // namespace orientir::io::testing
