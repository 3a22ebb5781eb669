package io.gridhub.feeds.source;

import java.util.regex.Pattern;

/**
 * Takes secrets out of a source address before it is shown or logged: the user info of a URL
 * ({@code https://user:pass@host}) and the values of query or connection parameters that carry
 * credentials ({@code token=}, {@code apikey=}, {@code password=} …). Feed URLs come from
 * configuration; what they carry must reach neither API answers, run records nor logs.
 */
public final class Redaction {

    /** Parameter names (any case) whose value is a secret. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;]|^)((?:access_|api_?|auth_?|id_|refresh_)?(?:token|key|apikey|secret|password|passwd|pwd|signature|sig"
                    + "|credential|credentials|authorization|auth|ticket|session|sessionid)=)[^&;#\\s\"'<>]*");
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#]+@");

    private Redaction() {
    }

    /** The address without secrets; null stays null. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String r = USER_INFO.matcher(url).replaceAll("***@");
        return SECRET_PARAMETER.matcher(r).replaceAll("$1$2***");
    }

    /** A message that may quote addresses (a server echoing its request, a driver its URL): every URL and secret parameter in it redacted. */
    public static String message(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = Pattern.compile("\\b(?:https?|jdbc:[a-z0-9]+|ftp)://[^\\s\"'<>)]*[^\\s\"'<>).,:;]").matcher(text);
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(out);
        return SECRET_PARAMETER.matcher(out).replaceAll("$1$2***");
    }
}
