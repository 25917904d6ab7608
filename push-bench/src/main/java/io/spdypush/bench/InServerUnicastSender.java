package io.spdypush.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Unicast sent by threads inside the server, as a business bean would send: one call to bench.war's
 * {@code POST /bench/api/drive/{transport}} runs the whole measurement there (ours through PushService,
 * the alternatives straight to their sessions) and answers with what was sent and each push call's time.
 */
final class InServerUnicastSender implements UnicastSender {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?\\d+)");
    // Possessive, so that a long base64 value does not recurse once per character.
    private static final Pattern STRING = Pattern.compile("\"(\\w+)\":\"((?:[^\"\\\\]++|\\\\.)*+)\"");

    /** Threads that share the open loop's messages in the server, so that one slow call delays no other. */
    private static final int OPEN_LOOP_SENDERS = 8;

    private final MicroServer server;
    private final String transport;
    private final int payloadBytes;
    private final boolean stored;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param stored ours only: at least once, stored until acknowledged, instead of memory only */
    InServerUnicastSender(MicroServer server, String transport, int payloadBytes, boolean stored) {
        this.server = server;
        this.transport = transport;
        this.payloadBytes = payloadBytes;
        this.stored = stored;
    }

    @Override
    public String callName() {
        return Transport.isOurs(transport) ? "PushService.send call" : "session send call";
    }

    @Override
    public Sent atMaximum(List<Fleet.Client> clients, int concurrency, int seconds) throws InterruptedException {
        return drive(clients, "concurrency=" + concurrency, seconds);
    }

    @Override
    public Sent atRate(List<Fleet.Client> clients, double perSecond, int seconds) throws InterruptedException {
        return drive(clients, String.format(Locale.ROOT, "concurrency=%d&perSecond=%.1f", OPEN_LOOP_SENDERS,
                perSecond), seconds);
    }

    private Sent drive(List<Fleet.Client> clients, String rate, int seconds) throws InterruptedException {
        String path = "/bench/api/drive/" + transport + "?" + rate + "&seconds=" + seconds
                + "&payloadBytes=" + payloadBytes + "&stored=" + stored;
        String ids = clients.stream().map(client -> client.id).collect(Collectors.joining("\n"));
        HttpResponse<String> response;
        try {
            response = http.send(server.request(path).header("Content-Type", "text/plain")
                    .timeout(Duration.ofSeconds(seconds + 120L))
                    .POST(HttpRequest.BodyPublishers.ofString(ids)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the in-server sender failed: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static Sent parse(String json) {
        long sent = number(json, "sent");
        long refused = number(json, "refused");
        String firstError = string(json, "firstError");
        if (refused > 0 && !firstError.isEmpty()) {
            System.out.printf("  the in-server sender had %d refused; first error: %s%n", refused, firstError);
        }
        byte[] calls = Base64.getDecoder().decode(string(json, "callMicros"));
        try {
            return new Sent(sent, refused, number(json, "startNanos"), number(json, "elapsedNanos"),
                    Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(calls), 0));
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("the in-server sender's histogram does not decode", e);
        }
    }

    private static long number(String json, String name) {
        Matcher matcher = NUMBER.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private static String string(String json, String name) {
        Matcher matcher = STRING.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        return "";
    }
}
