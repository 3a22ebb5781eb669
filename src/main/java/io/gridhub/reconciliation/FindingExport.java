package io.gridhub.reconciliation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A run's findings as a download: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
 * the Chinese names) or XLSX (POI's streaming workbook, a window of rows in memory), row by row as
 * the database streams them.
 */
final class FindingExport {

    static final String[] HEADER = {"finding_id", "kind", "severity", "status", "new_in_run", "service_unit",
            "transformer_area", "feeder_ref", "subject", "first_seen_at", "evidence"};

    private FindingExport() {
    }

    static String[] cells(Finding f) {
        return new String[] {f.findingId().toString(), f.kind().name(), f.severity(), f.status(),
                Boolean.toString(f.newInRun()), f.serviceUnit(), f.transformerArea(), f.feederRef(), f.subject(),
                f.firstSeenAt().toString(), f.evidence()};
    }

    /** Writes CSV; {@code rows} feeds each finding to the consumer it is given. */
    static void csv(OutputStream out, Consumer<Consumer<Finding>> rows) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        line(w, HEADER);
        rows.accept(f -> {
            try {
                line(w, cells(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
    }

    /** Writes XLSX with one sheet named after the run. */
    static void xlsx(OutputStream out, String sheetName, Consumer<Consumer<Finding>> rows) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            book.setCompressTempFiles(true);
            Sheet sheet = book.createSheet(sheetName);
            int[] n = {0};
            row(sheet.createRow(n[0]++), HEADER);
            rows.accept(f -> row(sheet.createRow(n[0]++), cells(f)));
            book.write(out);
            book.dispose();
        }
    }

    private static void row(Row row, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                row.createCell(i).setCellValue(cells[i]);
            }
        }
    }

    private static void line(Writer w, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells[i];
            if (c == null) {
                continue;
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"');
                w.write(c.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }
}
