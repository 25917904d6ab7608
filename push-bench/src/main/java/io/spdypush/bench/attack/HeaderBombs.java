package io.spdypush.bench.attack;

import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Unauthenticated SYN_STREAMs whose header blocks inflate to just under twice maxHeaderBytes, the most the
 * server inflates before it gives up on a session, and compress to a few bytes each (one long header of
 * one letter repeated): cheap to send, dear to inflate. Reconnects when the server closes the connection.
 */
final class HeaderBombs implements Attack {

    /** Header block bytes besides the bomb's value: the pair count, the request headers, their lengths. */
    private static final int BLOCK_BYTES_BESIDES = 200;
    private static final String BOMB = "a".repeat(2 * Target.MAX_HEADER_BYTES - BLOCK_BYTES_BESIDES);

    @Override
    public String name() {
        return "header blocks inflating to 2 × maxHeaderBytes";
    }

    @Override
    public String does() {
        return "an unauthenticated connection sends SYN_STREAMs whose compressed header block inflates to just"
                + " under 2 × maxHeaderBytes (32 KiB) as fast as the connection takes them; it reconnects when closed";
    }

    @Override
    public String documented() {
        return "RST_STREAM FRAME_TOO_LARGE per block (header-block-too-large), REFUSED_STREAM beyond"
                + " maxFramesPerSecond, GOAWAY PROTOCOL_ERROR beyond twice it";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of("header-block-too-large");
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        int connections = 0;
        int goAways = 0;
        int closed = 0;
        long blocks = 0;
        long compressedBytes = 0;
        List<SpdyPeer.Answer> answers = new ArrayList<>();
        do {
            try (SpdyPeer peer = SpdyPeer.raw(target)) {
                connections++;
                blocks += peer.flood(bombs(), Math.max(deadlineNanos,
                        System.nanoTime() + target.refusalWait().toNanos()));
                closed += peer.awaitClosed(target.refusalWait()) ? 1 : 0;
                compressedBytes += peer.bytesSent();
                answers.addAll(peer.answers());
                if (peer.answers().stream().anyMatch(answer -> answer.kind().equals("GOAWAY"))) {
                    goAways++;
                }
            }
        } while (System.nanoTime() < deadlineNanos);
        long inflatedBytes = blocks * inflatedBlockBytes();
        Map<String, Long> resets = Answers.count(answers, "RST_STREAM");
        long replies = answers.stream().filter(answer -> answer.kind().equals("SYN_REPLY")).count();
        return new Outcome(String.format(Locale.ROOT, "%d blocks on %d connections, %.1f KiB compressed, %.0f MiB"
                        + " inflated: RST_STREAM %s, %d SYN_REPLYs; %d closed by the server, GOAWAY read on %d",
                blocks, connections, compressedBytes / 1024.0, inflatedBytes / 1048576.0, resets, replies, closed,
                goAways), replies == 0 && resets.getOrDefault("FRAME_TOO_LARGE", 0L) > 0 && closed == connections);
    }

    private static Supplier<SpdyFrame> bombs() {
        int[] nextId = {1};
        return () -> {
            SpdySynStreamFrame bomb = SpdyPeer.request(nextId[0], "GET", "/", true);
            bomb.headers().set("x-bomb", BOMB);
            nextId[0] += 2;
            return bomb;
        };
    }

    /** What one block inflates to (SPDY/3: a count, then each name and value after its 4-byte length). */
    private static long inflatedBlockBytes() {
        SpdySynStreamFrame bomb = SpdyPeer.request(1, "GET", "/", true);
        bomb.headers().set("x-bomb", BOMB);
        long bytes = 4;
        for (Map.Entry<CharSequence, CharSequence> header : bomb.headers()) {
            bytes += 8 + header.getKey().toString().getBytes(StandardCharsets.UTF_8).length
                    + header.getValue().toString().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    @Override
    public void close() {
        // Each connection is closed when its turn ends.
    }
}
