package io.spdypush.bench.attack;

import io.netty.handler.codec.spdy.DefaultSpdySettingsFrame;
import io.netty.handler.codec.spdy.SpdySettingsFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated session that opens no window (SETTINGS INITIAL_WINDOW_SIZE 0) and asks for a file of
 * 1 MiB ten times a second: each reply is ready and can never be sent.
 */
final class ClosedWindow implements Attack {

    private static final long REQUEST_EVERY_MILLIS = 100;

    private SpdyPeer peer;

    @Override
    public String name() {
        return "replies with no window";
    }

    @Override
    public String does() {
        return "an authenticated session sends SETTINGS INITIAL_WINDOW_SIZE 0, then GETs a static file of 1 MiB"
                + " ten times a second and never opens a window for the replies";
    }

    @Override
    public String documented() {
        return "each reply's stream cancelled (RST_STREAM CANCEL) after writeTimeoutSeconds, its buffers released";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of();
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        peer = SpdyPeer.raw(target);
        peer.send(new DefaultSpdySettingsFrame().setValue(SpdySettingsFrame.SETTINGS_INITIAL_WINDOW_SIZE, 0));
        peer.openPushStream(target, "closed-window");
        Map<Integer, Long> requested = new HashMap<>();
        int streamId = 3;
        while (System.nanoTime() < deadlineNanos && peer.isOpen()) {
            requested.put(streamId, System.nanoTime());
            peer.send(SpdyPeer.request(streamId, "GET", target.bigPath(), true));
            streamId += 2;
            Thread.sleep(REQUEST_EVERY_MILLIS);
        }
        int last = streamId - 2;
        peer.await(answer -> answer.kind().equals("RST_STREAM") && answer.streamId() == last,
                target.refusalWait());
        List<SpdyPeer.Answer> answers = peer.answers().stream().filter(answer -> answer.streamId() > 1).toList();
        List<Double> cancelledAfter = new ArrayList<>();
        for (SpdyPeer.Answer answer : answers) {
            if (answer.kind().equals("RST_STREAM") && answer.status().equals("CANCEL")) {
                cancelledAfter.add((answer.nanos() - requested.get(answer.streamId())) / 1e9);
            }
        }
        Map<String, Long> replies = Answers.count(answers, "SYN_REPLY");
        Map<String, Long> resets = Answers.count(answers, "RST_STREAM");
        Optional<Double> slowest = cancelledAfter.stream().max(Double::compare);
        return new Outcome(String.format(Locale.ROOT, "%d requests: SYN_REPLY %s, RST_STREAM %s; cancelled after"
                        + " %s", requested.size(), replies, resets, Outcome.spread(cancelledAfter)),
                cancelledAfter.size() == requested.size() && replies.getOrDefault("200", 0L) == requested.size()
                        && slowest.orElse(0.0) <= target.timeout().toSeconds() + 2);
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }
}
