package io.gridhub.feeds.source;

/**
 * Control characters in source text: a NUL is refused by PostgreSQL in any text or JSON value (one
 * NUL in an attribute failed a whole COPY), and U+0001–U+001F other than tab, line feed and carriage
 * return are not allowed in XML 1.0 (an asset name with U+0001 made the siting XML reply
 * unparsable). They carry no meaning in grid data, so they are removed as the text is read.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The text without C0 controls (tab, LF, CR kept), DEL and the non-characters U+FFFE/U+FFFF; null stays null. */
    public static String strip(String s) {
        if (s == null) {
            return null;
        }
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            if (unwanted(s.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unwanted(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean unwanted(char c) {
        return c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f || c == 0xfffe || c == 0xffff;
    }
}
