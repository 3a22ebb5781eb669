package io.gridhub.plans;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes A4 pages top to bottom with one embedded font: headings, label–value rows that wrap,
 * images, rules; a new page when the current one is full. Characters the font lacks are printed
 * as '?' rather than failing the whole document.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument doc;
    private final PDFont font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream cs;
    private float y;

    PdfPages(PDDocument doc, PDFont font) throws IOException {
        this.doc = doc;
        this.font = font;
        newPage();
    }

    private void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void room(float h) throws IOException {
        if (y - h < MARGIN) {
            newPage();
        }
    }

    void centered(String text, float size) throws IOException {
        String t = printable(text);
        room(size * 1.6f);
        float w = font.getStringWidth(t) / 1000 * size;
        show(t, MARGIN + (WIDTH - w) / 2, y - size, size);
        y -= size * 1.6f;
    }

    void heading(String text) throws IOException {
        room(30);
        y -= 6;
        show(printable(text), MARGIN, y - 12, 12);
        y -= 16;
        rule();
    }

    /** A label and a value that wraps in the column to its right. */
    void row(String label, String value) throws IOException {
        float size = 10;
        float labelWidth = 110;
        List<String> lines = wrap(printable(value == null || value.isBlank() ? "—" : value), WIDTH - labelWidth, size);
        room(lines.size() * size * 1.5f);
        show(printable(label), MARGIN, y - size, size);
        for (String line : lines) {
            show(line, MARGIN + labelWidth, y - size, size);
            y -= size * 1.5f;
        }
    }

    void paragraph(String text, float size) throws IOException {
        for (String line : wrap(printable(text), WIDTH, size)) {
            room(size * 1.5f);
            show(line, MARGIN, y - size, size);
            y -= size * 1.5f;
        }
    }

    void image(BufferedImage image, float width) throws IOException {
        float height = width * image.getHeight() / image.getWidth();
        room(height + 8);
        PDImageXObject x = LosslessFactory.createFromImage(doc, image);
        cs.drawImage(x, MARGIN, y - height, width, height);
        y -= height + 8;
    }

    void space(float h) {
        y -= h;
    }

    void rule() throws IOException {
        cs.setLineWidth(0.5f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + WIDTH, y);
        cs.stroke();
        y -= 4;
    }

    private void show(String text, float x, float baseline, float size) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(text);
        cs.endText();
    }

    private List<String> wrap(String text, float width, float size) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < para.length(); ) {
                int cp = para.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (font.getStringWidth(line + ch) / 1000 * size > width && line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(ch);
                i += Character.charCount(cp);
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The text with every character the font cannot show replaced by '?'. */
    String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            boolean ok = glyphs.computeIfAbsent(cp, c -> {
                try {
                    font.encode(new String(Character.toChars(c)));
                    return !Character.isISOControl(c);
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            b.append(ok ? new String(Character.toChars(cp)) : "?");
        });
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        cs.close();
    }
}
