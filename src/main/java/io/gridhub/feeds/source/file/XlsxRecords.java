package io.gridhub.feeds.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.parsers.ParserConfigurationException;

import io.gridhub.feeds.source.SourceAttributes;
import io.gridhub.feeds.source.SourceException;
import io.gridhub.feeds.source.SourceRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an XLSX workbook (the MIS's monthly load export as mailed around), read with
 * POI's SAX event API row by row, never as a whole workbook in memory. Row 1 is the header.
 */
public final class XlsxRecords {

    public void read(InputStream in, Consumer<SourceRecord> records) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new SourceException("workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                        new Rows(records), new DataFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | org.apache.poi.UnsupportedFileFormatException e) {
            throw new SourceException("not a readable XLSX workbook: " + e.getMessage(), e);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Consumer<SourceRecord> records;
        private List<String> header;
        private final List<String> cells = new ArrayList<>();

        Rows(Consumer<SourceRecord> records) {
            this.records = records;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (header == null) {
                header = List.copyOf(cells);
                return;
            }
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            SourceAttributes a = new SourceAttributes();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i) != null) {
                    a.put(header.get(i).trim(), i < cells.size() ? cells.get(i) : null);
                }
            }
            String raw = String.join(",", cells.stream().map(c -> c == null ? "" : c).toList());
            records.accept(new SourceRecord(a, null, null, () -> raw));
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = new org.apache.poi.ss.util.CellReference(ref).getCol();
            while (cells.size() < col) {
                cells.add(null);
            }
            cells.add(value);
        }
    }
}
