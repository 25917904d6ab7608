package io.spdypush.bench.attack;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An authenticated session that starts 99 requests (with its push stream, maxConcurrentStreams), each
 * declaring a body of maxRequestBytes, sends 32 KiB of each and never the rest. Another session does the
 * same once all 99 are answered, until the deadline.
 */
final class HalfSentBodies implements Attack {

    private static final int BODIES = Target.MAX_CONCURRENT_STREAMS - 1;
    private static final int SENT_BYTES = 32 * 1024;
    /** Keeps a session's frames (a SYN_STREAM and four 8 KiB chunks a body) under maxFramesPerSecond. */
    private static final long PAUSE_MILLIS = 15;

    @Override
    public String name() {
        return "99 half-sent request bodies";
    }

    @Override
    public String does() {
        return "an authenticated session starts 99 POSTs declaring content-length " + Target.MAX_REQUEST_BYTES
                + " (maxRequestBytes), sends 32 KiB of each and never the rest; another does the same once all"
                + " are answered";
    }

    @Override
    public String documented() {
        return "503 with retry-after 1 beyond about 2 × maxRequestBytes of bodies per session"
                + " (request-bodies-over-limit); 408 after requestTimeoutSeconds without a byte (request-timeout)";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of("request-bodies-over-limit", "request-timeout");
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        int sessions = 0;
        List<SpdyPeer.Answer> answers = new ArrayList<>();
        long unanswered = 0;
        do {
            try (SpdyPeer peer = SpdyPeer.flowControlled(target)) {
                sessions++;
                peer.openPushStream(target, "hoarder-" + sessions);
                for (int body = 0; body < BODIES; body++) {
                    int streamId = 3 + 2 * body;
                    SpdySynStreamFrame post = SpdyPeer.request(streamId, "POST", "/attack/upload", false);
                    post.headers().set("content-length", Integer.toString(Target.MAX_REQUEST_BYTES))
                            .set("content-type", "application/octet-stream");
                    peer.send(post);
                    peer.send(new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(new byte[SENT_BYTES])));
                    Thread.sleep(PAUSE_MILLIS);
                }
                long wait = target.refusalWait().toNanos();
                long deadline = System.nanoTime() + wait;
                while (answered(peer) < BODIES && System.nanoTime() < deadline && peer.isOpen()) {
                    Thread.sleep(20);
                }
                unanswered += BODIES - answered(peer);
                peer.answers().stream().filter(answer -> answer.streamId() > 1).forEach(answers::add);
            }
        } while (System.nanoTime() < deadlineNanos);
        Map<String, Long> replies = Answers.count(answers, "SYN_REPLY");
        Map<String, Long> resets = Answers.count(answers, "RST_STREAM");
        boolean retryAfterOne = answers.stream().filter(answer -> "503".equals(answer.status()))
                .allMatch(answer -> "1".equals(answer.retryAfter()));
        long documented = replies.getOrDefault("503", 0L) + replies.getOrDefault("408", 0L);
        return new Outcome(String.format(Locale.ROOT, "%d bodies on %d sessions: SYN_REPLY %s%s, RST_STREAM %s;"
                        + " %d unanswered", (long) sessions * BODIES, sessions, replies,
                retryAfterOne ? " (every 503 with retry-after 1)" : "", resets, unanswered),
                unanswered == 0 && retryAfterOne && replies.getOrDefault("503", 0L) > 0
                        && documented == (long) sessions * BODIES);
    }

    /** Request streams the server has replied to or reset. */
    private static long answered(SpdyPeer peer) {
        return peer.answers().stream().filter(answer -> answer.streamId() > 1)
                .filter(answer -> !answer.kind().equals("GOAWAY"))
                .map(SpdyPeer.Answer::streamId).distinct().count();
    }

    @Override
    public void close() {
        // Each session is closed when its turn ends.
    }
}
