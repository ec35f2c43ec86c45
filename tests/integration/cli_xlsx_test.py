"""The CLI with spreadsheets: `orientir import practices FILE.xlsx` names sheet, row and column of a bad
cell and keeps nothing of that file, imports a good one; `orientir opendata DIR` writes every set with
its passport, structure and versioned data file (docs/xlsx-opendata.md)."""
import csv
import os
import subprocess
import sys
import tempfile
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def run(binary, *args, check=True):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=check)


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(path, rows):
    """A one-sheet workbook «Практики»: a merged-style title row, then ROWS (lists of text) from row 3."""
    data = f'<row r="1">{cell("A1", "Реестр практик")}</row>'
    for i, values in enumerate(rows, start=3):
        data += f'<row r="{i}">' + "".join(cell(f"{chr(65 + j)}{i}", v) for j, v in enumerate(values)) + "</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships"><sheets><sheet name="Практики" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet {NS}><sheetData>{data}</sheetData></worksheet>")


def main(binary):
    d = tempfile.mkdtemp(prefix="orientir-cli-xlsx-")
    run(binary, "import", "--data", d, "demo")
    header = ["Название", "Регион", "Краткое описание", "Сферы", "Статус"]
    good = ["Практика из Excel 5512", "Тюменская область", "Кратко", "volunteering", "Опубликовано"]
    bad = ["Практика из Excel 5513", "Тюменска", "Кратко", "volunteering", "Опубликовано"]
    path = os.path.join(d, "p.xlsx")
    workbook(path, [header, good, bad])
    r = run(binary, "import", "--data", d, "practices", path, check=False)
    assert r.returncode != 0
    assert "Лист «Практики», строка 5, столбец B «Регион»: неизвестный регион «Тюменска»" in r.stderr, r.stderr
    assert "Практика из Excel" not in run(binary, "export", "--data", d, "-").stdout, "a row of the refused file was stored"

    workbook(path, [header, good])
    ok = run(binary, "import", "--data", d, "practices", path)
    assert "imported 1 practice" in ok.stdout, ok.stdout

    od = os.path.join(d, "od")
    run(binary, "opendata", "--data", d, od)
    for s in ("practices", "adoptions", "organisations", "indicators", "indicator_values"):
        files = os.listdir(os.path.join(od, s))
        for f in ("meta.csv", "structure.csv", "data.csv", "data.json"):
            assert f in files, (s, f, files)
        assert any(f.startswith("data-") and "-structure-" in f for f in files), files
        with open(os.path.join(od, s, "structure.csv"), encoding="utf-8") as f:
            fields = [row[0] for row in list(csv.reader(f))[1:]]
        with open(os.path.join(od, s, "data.csv"), encoding="utf-8") as f:
            assert next(csv.reader(f)) == fields, s
    with open(os.path.join(od, "practices", "data.csv"), encoding="utf-8") as f:
        assert "Практика из Excel 5512" in f.read()
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
