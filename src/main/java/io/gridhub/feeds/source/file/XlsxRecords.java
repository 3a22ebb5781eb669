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

    private final io.gridhub.feeds.FeedPolicy.Files caps;

    public XlsxRecords(io.gridhub.feeds.FeedPolicy.Files caps) {
        this.caps = caps;
    }

    /**
     * Reads the workbook from a temporary copy, opened as a zip file (entries read on demand), never
     * as a package held whole in memory; POI's zip-bomb guards get the hub's caps.
     */
    public void read(InputStream in, Consumer<SourceRecord> records) throws IOException {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(1.0 / caps.maxZipRatio());
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(Math.min(caps.maxZipBytes(), 0xFFFFFFFFL));
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("gridhub-xlsx", ".xlsx");
        try {
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(copy)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > caps.maxFileBytes()) {
                        throw new SourceException("workbook larger than " + caps.maxFileBytes()
                                + " bytes (hub.feed-policy.files.max-file-bytes): refused");
                    }
                    out.write(buf, 0, n);
                }
            }
            read(copy, records);
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    private void read(java.nio.file.Path file, Consumer<SourceRecord> records) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
            if (pkg.getParts().size() > caps.maxZipEntries()) {
                throw new SourceException("workbook has more than " + caps.maxZipEntries()
                        + " parts (hub.feed-policy.files.max-zip-entries): refused");
            }
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
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | org.apache.poi.UnsupportedFileFormatException
                 | org.apache.poi.openxml4j.exceptions.InvalidOperationException | org.apache.poi.ooxml.POIXMLException e) {
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
