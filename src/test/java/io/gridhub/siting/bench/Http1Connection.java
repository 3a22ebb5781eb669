package io.gridhub.siting.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, for load drivers that share the machine
 * with the hub: it writes a prepared request and reads the answer's status and body (Content-Length
 * or chunked) into a reused buffer, and nothing else. {@code java.net.http.HttpClient} spent about
 * 1.8 ms of CPU per siting request (its selector thread, futures and per-exchange objects); this
 * spends a small fraction of that, so the driver takes less of the two cores from what it measures.
 */
final class Http1Connection implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[16384];
    private boolean reusable = true;

    Http1Connection(URI url, int connectTimeoutMs) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()), connectTimeoutMs);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    /** The bytes of a POST of {@code body} to {@code url} with the given extra header lines (each ending in CRLF). */
    static byte[] post(URI url, String headerLines, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + headerLines + "Content-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /**
     * Sends the request, reads the whole answer and returns its status. {@code readTimeoutMs} bounds
     * each wait for bytes; past it, or on any error, the exception propagates and the connection is
     * not to be reused.
     */
    int exchange(byte[] request, int readTimeoutMs) throws IOException {
        socket.setSoTimeout(Math.max(1, readTimeoutMs));
        out.write(request);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = readLine()).isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                reusable &= !value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long n; (n = Long.parseLong(stripExtension(readLine()), 16)) > 0; ) {
                discard(n);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            discard(length);
        } else {
            reusable = false; // body until the server closes: read to the end
            while (in.read(skip) >= 0) {
                // discard
            }
        }
        return code;
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    private static String stripExtension(String chunkHeader) {
        int semi = chunkHeader.indexOf(';');
        return (semi < 0 ? chunkHeader : chunkHeader.substring(0, semi)).trim();
    }

    private void discard(long n) throws IOException {
        while (n > 0) {
            int r = in.read(skip, 0, (int) Math.min(skip.length, n));
            if (r < 0) {
                throw new EOFException("answer cut short");
            }
            n -= r;
        }
    }

    /** One header or chunk-size line, without its CRLF (ASCII). */
    private String readLine() throws IOException {
        int n = 0;
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r' && n < line.length) {
                line[n++] = (byte) c;
            }
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
