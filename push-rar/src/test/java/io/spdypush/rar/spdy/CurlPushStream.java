package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spdypush.codec.DecodedPacket;
import io.spdypush.codec.PushPacketDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A push stream held by the real curl (docs/PROTOCOL.md §10): {@code curl --http2-prior-knowledge} or
 * {@code --http1.1}, its response headers in a file, its body decoded into packets as it arrives.
 */
final class CurlPushStream implements AutoCloseable {

    private final Process curl;
    private final Path headers;
    private final BlockingQueue<DecodedPacket> packets = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    private CurlPushStream(Process curl, Path headers) {
        this.curl = curl;
        this.headers = headers;
        Thread reader = new Thread(this::read, "curl-push-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether there is a curl to run, one that speaks HTTP/2. */
    static boolean curlRuns() {
        try {
            Process version = new ProcessBuilder("curl", "--version").start();
            String features = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return version.waitFor(10, TimeUnit.SECONDS) && features.contains("HTTP2");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Opens {@code GET /push} for the client with a valid token; {@code transport} is {@code --http2-prior-knowledge} or {@code --http1.1}. */
    static CurlPushStream open(String transport, int port, String clientId, String... extraHeaders) throws IOException {
        Path headers = Files.createTempFile("curl-headers", ".txt");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-N", transport, "-D", headers.toString(),
                "-H", "push-client: " + clientId, "-H", "authorization: Bearer " + TestServers.token(clientId)));
        for (String header : extraHeaders) {
            command.add("-H");
            command.add(header);
        }
        command.add("http://127.0.0.1:" + port + "/push");
        return new CurlPushStream(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start(),
                headers);
    }

    /** Runs one curl request to completion and returns its status line, headers and body as text. */
    static String request(String transport, int port, String method, String path, String... headers)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i", transport, "-X", method));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add("http://127.0.0.1:" + port + path);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** The value of a response header, waiting for the headers to come; null when the response has none. */
    String header(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(headers);
            if (text.contains("\r\n\r\n")) {
                for (String line : text.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                        return line.substring(colon + 1).trim();
                    }
                }
                return null;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("curl got no response headers within 10 s");
    }

    /** The response's status line. */
    String statusLine() throws IOException, InterruptedException {
        header("content-type");
        return Files.readString(headers).split("\r\n")[0];
    }

    DecodedPacket next() throws InterruptedException {
        DecodedPacket packet = packets.poll(10, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("no packet within 10 s");
        }
        return packet;
    }

    /** Every byte of the body so far. */
    byte[] rawBody() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    /** Waits for curl to end, as it does when the server ends the response or the connection. */
    boolean ended(long seconds) throws InterruptedException {
        return curl.waitFor(seconds, TimeUnit.SECONDS);
    }

    private void read() {
        PushPacketDecoder decoder = new PushPacketDecoder(ByteBufAllocator.DEFAULT, 1024 * 1024);
        byte[] chunk = new byte[8192];
        try (InputStream in = curl.getInputStream()) {
            for (int read; (read = in.read(chunk)) > 0; ) {
                synchronized (raw) {
                    raw.write(chunk, 0, read);
                }
                decoder.add(Unpooled.wrappedBuffer(chunk, 0, read));
                for (DecodedPacket packet; (packet = decoder.next()) != null; ) {
                    packets.add(packet);
                }
            }
        } catch (IOException e) {
            // the stream ended; the test sees what came before
        } finally {
            decoder.release();
        }
    }

    @Override
    public void close() throws IOException {
        curl.destroy();
        Files.deleteIfExists(headers);
    }
}
